#pragma once
// Real orthonormal spherical harmonics Y_lm, l = 0 … l_max, of a unit vector.
//
// Any orthonormal real basis gives the same power spectrum (CONVENTIONS.md §2), so we use the
// simplest stable one: Y_l0 = q_l0(z), Y_l,±m = sqrt(2) q_lm(z) Re/Im (x + i y)^m with q_lm the
// normalised associated Legendre functions divided by sin^m θ (no Condon–Shortley phase). The
// division makes every term a polynomial in x, y, z: no special case at the poles, and the same
// code can later give gradients for GAP forces.
#include <vector>

namespace hykal::descriptors {

class RealSphericalHarmonics {
 public:
  explicit RealSphericalHarmonics(int l_max);

  int l_max() const { return l_max_; }
  // (l_max + 1)^2 values; Y_lm is at index l*l + l + m, m = -l … l.
  int size() const { return (l_max_ + 1) * (l_max_ + 1); }

  // (x, y, z) must be a unit vector.
  void evaluate(double x, double y, double z, double* values) const;

 private:
  int l_max_;
  // Recurrence q_lm = a_lm (z q_{l-1,m} - b_lm q_{l-2,m}), stored at index l*(l_max+1) + m.
  std::vector<double> a_, b_;
  std::vector<double> diagonal_;  // q_mm
};

}  // namespace hykal::descriptors
