#pragma once
// Symmetric (Löwdin) orthonormalisation S^{-1/2} in 50-digit arithmetic.
//
// DScribe orthonormalises its radial primitives with beta = S^{-1/2} (CONVENTIONS.md §2.1, §2.2).
// For the polynomial basis at n_max = 8, cond(S) ≈ 1e16, so a double-precision eigensolver gets
// beta wrong by up to 27 % (§2.3). We therefore work in boost::multiprecision::cpp_bin_float_50
// with our own cyclic Jacobi eigensolver (n_max × n_max, once per setting): Boost 1.74's Eigen
// adaptor does not compile with Eigen 3.4, and a plain Jacobi needs nothing but + − × / sqrt.
#include <boost/multiprecision/cpp_bin_float.hpp>

#include <vector>

namespace hykal::descriptors {

using ExtendedFloat = boost::multiprecision::cpp_bin_float_50;

// Dense square matrix, row-major, in extended precision.
struct ExtendedMatrix {
  int n = 0;
  std::vector<ExtendedFloat> values;

  explicit ExtendedMatrix(int size) : n(size), values(static_cast<std::size_t>(size) * size) {}
  ExtendedFloat& operator()(int i, int j) { return values[static_cast<std::size_t>(i) * n + j]; }
  const ExtendedFloat& operator()(int i, int j) const {
    return values[static_cast<std::size_t>(i) * n + j];
  }
};

// S^{-1/2} of a symmetric positive definite S (the principal square root of the inverse, as
// scipy.linalg.sqrtm(inv(S)) in DScribe). Throws an internal error if S is not positive definite.
ExtendedMatrix inverse_square_root(const ExtendedMatrix& s);

}  // namespace hykal::descriptors
