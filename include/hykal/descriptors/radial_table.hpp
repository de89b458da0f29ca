#pragma once
// Piecewise-polynomial table of the radial integrals I_nl(r) on [0, r_max].
//
// I_nl depends on the neighbour distance alone, and for the polynomial basis each value costs a
// 100-point quadrature with Bessel functions (DScribe does this per neighbour). We interpolate
// instead: on intervals of width h, a degree-7 Chebyshev interpolant of the exact function,
// stored as monomials in the local variable t ∈ [-1, 1] so that all n_max (l_max+1) functions are
// evaluated together by one vectorisable Horner loop. With h = sigma/10 the interpolation error
// is below 1e-12 of the largest value (tests/descriptors/test_radial_table.cpp).
#include "hykal/descriptors/radial_basis.hpp"

#include <vector>

namespace hykal::descriptors {

class RadialTable {
 public:
  static constexpr int degree = 7;
  // Interval width relative to the Gaussian width sigma: the integrals vary on that scale, and
  // sigma/10 with degree-7 pieces keeps the error below 1e-12 (see above).
  static constexpr double spacing_per_sigma = 0.1;
  // Neighbours closer than this (Å) sit on the centre: they add at_zero() to l = 0 only, as
  // DScribe's getDeltas (|r|^2 <= 1e-12 Å^2, CONVENTIONS.md §2.2).
  static constexpr double on_centre_distance = 1e-6;

  // n_functions values of f on [0, r_max]; f is sampled (degree+1) times per interval.
  RadialTable(const RadialIntegrals& f, int n_functions, double r_max, double spacing);

  int n_functions() const { return n_functions_; }
  double r_max() const { return r_max_; }

  // out[0 … n_functions-1] = f(r) to interpolation accuracy; r in [0, r_max].
  void evaluate(double r, double* out) const;
  // The same values and derivative[i] = d/dr of the interpolant (1/Å), for GAP forces.
  void evaluate_with_derivative(double r, double* out, double* derivative) const;
  // f(0) exactly (the centre atom's own contribution).
  const std::vector<double>& at_zero() const { return at_zero_; }

 private:
  // Coefficients of the interval holding r, and the local variable t ∈ [-1, 1] of r in it.
  const double* locate(double r, double& t) const;

  int n_functions_;
  double r_max_, spacing_;
  int n_intervals_;
  std::vector<double> coefficients_;  // [interval][power][function]
  std::vector<double> at_zero_;
};

}  // namespace hykal::descriptors
