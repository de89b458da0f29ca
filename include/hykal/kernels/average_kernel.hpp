#pragma once
// The distributed average kernel K(A, B) = (1 / n_A n_B) Σ_{i∈A, j∈B} k(x_i, y_j) of
// METHOD.md §2 (DScribe AverageKernel before normalisation), built without ever holding the
// N × N matrix, or more than one tile of row-pair kernels, on one rank. Our own scheme (DScribe
// stores every row-pair matrix; fixtures/dscribe/CONVENTIONS.md §7.1), described in
// docs/kernels.md:
//   1. ring: every rank keeps its own rows and receives the other ranks' row blocks one at a
//      time (nonblocking, the next one arrives while the current one is used); only
//      floor(P/2) + 1 of the P block pairs are computed per rank, because K is symmetric;
//   2. tiles: rows of many frames are multiplied at once (one DGEMM per tile of ≈ tile_rows ×
//      tile_rows rows), the pairwise kernel applied elementwise and reduced at once to the frame
//      means of the tile;
//   3. redistribution: the rank's frame rows of K (own frames × all frames) are sent, directly
//      and transposed, to their owners in the block-cyclic layout (pairwise exchange rounds).
#include "hykal/kernels/local_features.hpp"
#include "hykal/kernels/pairwise_metric.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

#include <functional>

namespace hykal::kernels {

struct AverageKernelOptions {
  AverageKernelOptions() = default;
  AverageKernelOptions(int tile_rows_, int block_size_) : tile_rows(tile_rows_), block_size(block_size_) {}

  int tile_rows = 512;  // feature rows per DGEMM operand (a whole frame at least)
  int block_size = parallel::DistributedMatrix::default_block_size;
  // Called on every rank after each tile with this rank's tiles done and in all (long kernels
  // report progress through it); empty: silent.
  std::function<void(long long done, long long total)> progress;
};

// Collective over grid.comm(). Rank r of grid.comm() passes the rows of its block of frames;
// the blocks must be contiguous and in rank order (HYKAL_THROW otherwise). `metric` must be
// resolved (pairwise_metric.hpp). A non-finite feature value is an InputError naming the first
// such frame (global index), thrown on every rank.
parallel::DistributedMatrix average_kernel(const LocalFeatures& features, const PairwiseMetric& metric,
                                           const parallel::BlacsGrid& grid,
                                           const AverageKernelOptions& options = {});

// Floating-point operations of one average_kernel call with the polynomial metric (DGEMM flops
// of the computed tiles, symmetric half counted once): 2 · p · Σ_{A ≤ B} n_A n_B. For reports.
double polynomial_kernel_flops(double total_rows, double n_features);

}  // namespace hykal::kernels
