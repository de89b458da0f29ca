#pragma once
// exp over an array, written as one branch-free loop that the compiler vectorises at the build's
// SIMD level (cmake/HykalSimd.cmake); the Laplacian kernel evaluates exp(−γ‖x − y‖₁) of a whole
// tile of row pairs with it (METHOD.md §2). glibc's std::exp is scalar unless -ffast-math, which
// the project does not use. Our own small piece (no Debian library offers a vector exp callable
// without -ffast-math): Cody–Waite reduction x = k ln2 + r, |r| ≤ ln2/2, a degree-13 Taylor
// polynomial for e^r (truncation < 5e-18 relative) and the scaling by 2^k in two exact halves so
// that subnormal results are rounded once. Relative error ≤ 1e-14 against std::exp on
// [−708, 709] (tests/kernels/test_vector_exp.cpp); results below e^−708 are subnormal and only
// absolutely accurate (≤ 1e-308), e^x is 0 below −745.2 and +inf above 709.8.
#include <cstddef>

namespace hykal::kernels {

// values[i] ← e^values[i] for i < count. Values must not be NaN.
void exp_in_place(double* values, std::size_t count);

}  // namespace hykal::kernels
