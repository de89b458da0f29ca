#pragma once
// Gauss–Legendre nodes and weights on [-1, 1] (numpy.polynomial.legendre.leggauss), used for
// DScribe's 100-point radial quadrature of the polynomial basis (CONVENTIONS.md §2.2).
#include <vector>

namespace hykal::descriptors {

struct QuadratureRule {
  std::vector<double> nodes;    // ascending
  std::vector<double> weights;
};

// Newton iteration on P_n in 50-digit arithmetic; nodes and weights correctly rounded to double.
QuadratureRule gauss_legendre(int n_points);

}  // namespace hykal::descriptors
