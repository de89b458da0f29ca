#pragma once
// The smooth cutoff of a GAP descriptor (METHOD.md §7; gap_fit's cutoff_transition_width):
// f_c(r) = 1 for r ≤ r_c − w, ½(1 + cos(π (r − r_c + w)/w)) for r_c − w < r < r_c, 0 beyond,
// so that the energy and its first derivative go to zero continuously at the cutoff r_c.
namespace hykal::gap {

struct SmoothCutoff {
  double cutoff = 0.0;            // r_c, Å
  double transition_width = 0.0;  // w, Å (0 ≤ w ≤ r_c)

  double value(double r) const;
  double derivative(double r) const;  // df_c/dr, 1/Å
};

}  // namespace hykal::gap
