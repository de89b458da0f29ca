#pragma once
// The two-body term of a GAP potential (METHOD.md §7; gap_fit's distance_Nb order=2): one
// environment per pair of atoms closer than the cutoff, q = (r_ij), weight 2 f_c(r_ij), channel =
// species pair.
//
// Each pair is visited once: a pair {i, j + T} (T a lattice translation, j an image of any atom,
// including i itself in a small periodic cell) from the centre i with the lower frame index, and
// for i = j from the image whose displacement is lexicographically positive; the atom itself at
// distance 0 is never a pair. gap_fit's distance_Nb with compact_clusters=T (its default since
// 2020, and the authors' setting) builds one descriptor per centre atom and neighbour, so every
// pair enters twice, once from each end: the authors' AsTe3 fit reports 2 × 9 753 As–As,
// 2 × 63 956 As–Te and 2 × 98 791 Te–Te descriptors for the pairs of train.xyz. The weight 2 f_c
// is that double count done in one visit: a pair potential φ(r) is represented by
// 2 δ² Σ α k = φ, and the prior variance of a pair energy is 4 δ² (not δ²) — which sets how
// strongly the two-body term is regularised against SOAP.
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
