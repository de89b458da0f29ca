#pragma once
// Real orthonormal spherical harmonics Y_lm, l = 0 … l_max, of a unit vector.
//
// Any orthonormal real basis gives the same power spectrum (CONVENTIONS.md §2), so we use the
// simplest stable one: Y_l0 = q_l0(z), Y_l,±m = sqrt(2) q_lm(z) Re/Im (x + i y)^m with q_lm the
// normalised associated Legendre functions divided by sin^m θ (no Condon–Shortley phase). The
// division makes every term a polynomial in x, y, z: no special case at the poles, and the same
// code gives the gradients GAP forces need (evaluate_with_gradient).
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
  // The values and, for the GAP forces, the gradient on the sphere: for r = |r| (x, y, z),
  // gradient[3 * index + k] = r ∂Y_lm(r/|r|)/∂r_k, i.e. (1 - u uᵀ) ∇_u of the polynomial form
  // (tangential, so it does not depend on how the polynomial extends off the sphere).
  void evaluate_with_gradient(double x, double y, double z, double* values, double* gradient) const;

 private:
  // Both of the above; gradient may be null (values only, the DScribe path).
  void compute(double x, double y, double z, double* values, double* gradient) const;

  int l_max_;
  // Recurrence q_lm = a_lm (z q_{l-1,m} - b_lm q_{l-2,m}), stored at index l*(l_max+1) + m.
  std::vector<double> a_, b_;
  std::vector<double> diagonal_;  // q_mm
};

}  // namespace hykal::descriptors
