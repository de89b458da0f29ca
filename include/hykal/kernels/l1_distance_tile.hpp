#pragma once
// The L1 distances of a tile of row pairs, the inner loop of the Laplacian kernel
// exp(−γ‖x − y‖₁) (METHOD.md §2; the Coulomb rows form costs n³ of these per frame pair).
// Register- and cache-blocked: a micro-tile of MR × NR row pairs keeps its MR · NR partial sums
// in vector registers while the MR + NR rows stream through once (MR, NR chosen for the build's
// SIMD level, cmake/HykalSimd.cmake), and blocks of y rows small enough for the L2 cache are
// reused by every micro-tile of x rows. Each distance is summed in the same order at every SIMD
// level and tile shape: eight lanes (k mod 8) of running sums, reduced pairwise, then the
// p mod 8 trailing features in order — so results never depend on the build or the rank count.
namespace hykal::kernels {

// tile[i · rows_b + j] = scale · ‖a_i − b_j‖₁ for the row-major blocks a (rows_a × p) and
// b (rows_b × p).
void l1_distance_tile(const double* a, int rows_a, const double* b, int rows_b, int p, double scale, double* tile);

}  // namespace hykal::kernels
