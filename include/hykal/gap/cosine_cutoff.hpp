#pragma once
// The smooth cutoff of the GAP descriptors (METHOD.md §7; gap_fit's cutoff_transition_width w):
//   f_c(r) = 1                               r <= rc - w
//            ½ (1 + cos(π (r - rc + w) / w))  rc - w < r < rc
//            0                               r >= rc
// f_c and its first derivative are continuous at both ends of the transition, so an atom
// crossing rc changes neither the energy nor the forces abruptly.
namespace hykal::gap {

struct CutoffWeight {
  double value = 0.0;       // f_c(r)
  double derivative = 0.0;  // df_c/dr, 1/Å
};

// r, cutoff and transition_width in Å; 0 < transition_width <= cutoff.
CutoffWeight cosine_cutoff(double r, double cutoff, double transition_width);

}  // namespace hykal::gap
