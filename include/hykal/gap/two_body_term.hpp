#pragma once
// The two-body term of a GAP potential (METHOD.md §7; gap_fit's distance_2b): one environment per
// pair of atoms closer than the cutoff, q = (r_ij), weight f_c(r_ij), channel = species pair.
//
// Each pair counts once. A pair {i, j + T} (T a lattice translation, j an image of any atom,
// including i itself in a small periodic cell) is visited from the centre i with the lower frame
// index, and for i = j from the image whose displacement is lexicographically positive; the atom
// itself at distance 0 is never a pair. The local energy of a pair is therefore the whole pair
// energy (no factor ½), so a pair potential φ(r) is represented by δ² Σ α k = φ.
#include "hykal/gap/descriptor_term.hpp"
#include "hykal/gap/smooth_cutoff.hpp"

#include <vector>

namespace hykal::gap {

class TwoBodyTerm : public DescriptorTerm {
 public:
  // species: atomic numbers of the model (any order; kept sorted). A frame with another species
  // is an InputError naming the frame.
  TwoBodyTerm(std::vector<int> species, SmoothCutoff cutoff);

  int dimension() const override { return 1; }
  int channel_count() const override;
  std::string channel_name(int channel) const override;
  void for_each_environment(const io::Frame& frame, bool with_gradients,
                            const std::function<void(const Environment&)>& visit) const override;

  const std::vector<int>& species() const { return species_; }
  const SmoothCutoff& cutoff() const { return cutoff_; }
  // Channel of the unordered species pair (z_a, z_b).
  int channel_of(int z_a, int z_b) const;

 private:
  int species_index(const io::Frame& frame, int z) const;

  std::vector<int> species_;
  SmoothCutoff cutoff_;
};

}  // namespace hykal::gap
