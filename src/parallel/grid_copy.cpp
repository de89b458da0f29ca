#include "hykal/parallel/grid_copy.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <array>
#include <numeric>

// ScaLAPACK REDIST: copy between two block-cyclic layouts (1-based ia, ja, ib, jb).
extern "C" void Cpdgemr2d(int m, int n, double* a, int ia, int ja, int* desca, double* b, int ib, int jb, int* descb,
                          int context);

namespace hykal::parallel {
namespace {

// A tile extent along one dimension: a multiple of `step` (both matrices' blocks), at most
// `budget` unless one step is already larger, at most the whole extent.
int tile_extent(int extent, int step, std::int64_t budget) {
  const std::int64_t steps = std::max<std::int64_t>(1, budget / step);
  return static_cast<int>(std::min<std::int64_t>(extent, steps * step));
}

}  // namespace

void copy_across_grids(const DistributedMatrix& source, DistributedMatrix& target, std::int64_t max_tile_elements) {
  HYKAL_ASSERT(source.rows() == target.rows() && source.cols() == target.cols(), "shapes differ");
  HYKAL_ASSERT(max_tile_elements > 0, "tile size");
  const int rows = source.rows();
  const int cols = source.cols();
  if (rows == 0 || cols == 0) return;
  // pdgemr2d moves a submatrix's origin to the start of the block holding it and sizes its
  // buffers from there: tiles starting on common block boundaries need no more than themselves.
  const int row_step = std::lcm(source.row_block(), target.row_block());
  const int col_step = std::lcm(source.col_block(), target.col_block());
  const int tile_cols = tile_extent(cols, col_step, max_tile_elements / std::min(rows, row_step));
  const int tile_rows = tile_extent(rows, row_step, max_tile_elements / tile_cols);
  // Cpdgemr2d takes non-const pointers but only reads the source; the context must span every
  // process of both grids, which the target's (built on the same communicator) does.
  std::array<int, 9> source_descriptor;
  std::array<int, 9> target_descriptor;
  std::copy_n(source.descriptor().data(), 9, source_descriptor.begin());
  std::copy_n(target.descriptor().data(), 9, target_descriptor.begin());
  for (int j = 0; j < cols; j += tile_cols) {
    for (int i = 0; i < rows; i += tile_rows) {
      Cpdgemr2d(std::min(tile_rows, rows - i), std::min(tile_cols, cols - j), const_cast<double*>(source.data()),
                i + 1, j + 1, source_descriptor.data(), target.data(), i + 1, j + 1, target_descriptor.data(),
                target.grid().context());
    }
  }
}

}  // namespace hykal::parallel
