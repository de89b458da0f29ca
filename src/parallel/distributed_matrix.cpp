#include "hykal/parallel/distributed_matrix.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/grid_copy.hpp"

#include <algorithm>
#include <limits>
#include <string>

// PBLAS copy of a distributed vector (INCX = 1: a column).
extern "C" void pdcopy_(const int* n, const double* x, const int* ix, const int* jx, const int* descx, const int* incx,
                        double* y, const int* iy, const int* jy, const int* descy, const int* incy);

namespace hykal::parallel {

DistributedMatrix::DistributedMatrix(const BlacsGrid& grid, int rows, int cols, int block_size)
    : DistributedMatrix(grid, rows, cols, block_size, block_size) {}

DistributedMatrix::DistributedMatrix(const BlacsGrid& grid, int rows, int cols, int row_block, int col_block)
    : grid_(&grid), rows_(rows), cols_(cols), row_block_(row_block), col_block_(col_block) {
  HYKAL_ASSERT(rows >= 0 && cols >= 0, std::to_string(rows) + " x " + std::to_string(cols));
  if (row_block < 1 || col_block < 1) {
    throw SettingError("block size", "must be at least 1, got " + std::to_string(std::min(row_block, col_block)));
  }
  local_rows_ = block_cyclic::local_count(rows, row_block, grid.myrow(), grid.nprow());
  local_cols_ = block_cyclic::local_count(cols, col_block, grid.mycol(), grid.npcol());
  ld_ = std::max(1, local_rows_);
  descriptor_ = ScalapackDescriptor(rows, cols, row_block, col_block, grid.context(), ld_);
  values_.assign(static_cast<std::size_t>(ld_) * static_cast<std::size_t>(local_cols_), 0.0);
}

void DistributedMatrix::set_constant(double value) { std::fill(values_.begin(), values_.end(), value); }

void DistributedMatrix::scale(double factor) {
  for (double& v : values_) v *= factor;
}

void DistributedMatrix::add_to_diagonal(double value) {
  for_each_local([value](int i, int j, double& element) {
    if (i == j) element += value;
  });
}

DistributedMatrix DistributedMatrix::leading_columns(int k) const {
  HYKAL_ASSERT(k >= 0 && k <= cols_, "k = " + std::to_string(k) + " of " + std::to_string(cols_) + " columns");
  DistributedMatrix leading(*grid_, rows_, k, row_block_, col_block_);
  for (int jl = 0; jl < leading.local_cols(); ++jl) {
    std::copy_n(&local(0, jl), local_rows_, &leading.local(0, jl));
  }
  return leading;
}

DistributedMatrix DistributedMatrix::redistributed(int block_size) const {
  DistributedMatrix copy(*grid_, rows_, cols_, block_size);
  copy_across_grids(*this, copy);
  return copy;
}

DistributedMatrix DistributedMatrix::select_columns(const std::vector<int>& columns) const {
  DistributedMatrix selected(*grid_, rows_, static_cast<int>(columns.size()), row_block_, col_block_);
  const int one = 1;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    HYKAL_ASSERT(columns[c] >= 0 && columns[c] < cols_, "column " + std::to_string(columns[c]));
    const int source_col = columns[c] + 1;  // PBLAS indices are 1-based
    const int target_col = static_cast<int>(c) + 1;
    pdcopy_(&rows_, data(), &one, &source_col, descriptor_.data(), &one, selected.data(), &one, &target_col,
            selected.descriptor().data(), &one);
  }
  return selected;
}

Eigen::VectorXd DistributedMatrix::row_sums() const {
  // Partial sums over the local columns, then one reduction over all ranks: rows that a rank
  // does not hold contribute zeros. O(rows) memory and traffic, small next to the matrix.
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(rows_);
  for_each_local([&sums](int i, int, double value) { sums[i] += value; });
  MPI_Allreduce(MPI_IN_PLACE, sums.data(), rows_, MPI_DOUBLE, MPI_SUM, grid_->comm());
  return sums;
}

Eigen::VectorXd DistributedMatrix::col_sums() const {
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(cols_);
  for_each_local([&sums](int, int j, double value) { sums[j] += value; });
  MPI_Allreduce(MPI_IN_PLACE, sums.data(), cols_, MPI_DOUBLE, MPI_SUM, grid_->comm());
  return sums;
}

double DistributedMatrix::global_sum() const {
  double sum = 0.0;
  for_each_local([&sum](int, int, double value) { sum += value; });
  MPI_Allreduce(MPI_IN_PLACE, &sum, 1, MPI_DOUBLE, MPI_SUM, grid_->comm());
  return sum;
}

Eigen::MatrixXd DistributedMatrix::gather_to_all() const {
  // Every element is held by exactly one rank, so a sum of zero-padded copies is the matrix.
  HYKAL_ASSERT(static_cast<long long>(rows_) * cols_ <= std::numeric_limits<int>::max(), "matrix too large to gather");
  Eigen::MatrixXd whole = Eigen::MatrixXd::Zero(rows_, cols_);
  for_each_local([&whole](int i, int j, double value) { whole(i, j) = value; });
  MPI_Allreduce(MPI_IN_PLACE, whole.data(), static_cast<int>(whole.size()), MPI_DOUBLE, MPI_SUM, grid_->comm());
  return whole;
}

Eigen::MatrixXd DistributedMatrix::gather_to_root(int root) const {
  HYKAL_ASSERT(static_cast<long long>(rows_) * cols_ <= std::numeric_limits<int>::max(), "matrix too large to gather");
  Eigen::MatrixXd whole = Eigen::MatrixXd::Zero(rows_, cols_);
  for_each_local([&whole](int i, int j, double value) { whole(i, j) = value; });
  const bool is_root = grid_->rank() == root;
  MPI_Reduce(is_root ? MPI_IN_PLACE : whole.data(), whole.data(), static_cast<int>(whole.size()), MPI_DOUBLE,
             MPI_SUM, root, grid_->comm());
  if (!is_root) return Eigen::MatrixXd();
  return whole;
}

}  // namespace hykal::parallel
