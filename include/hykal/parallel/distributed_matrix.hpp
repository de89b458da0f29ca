#pragma once
// A dense double matrix distributed block-cyclically over a BlacsGrid (ScaLAPACK layout; model:
// SIRIUS la::dmatrix). Each rank stores its local part column-major with leading dimension
// leading_dimension() ≥ max(1, local_rows()), so data() and descriptor() go straight to
// ScaLAPACK and ELPA. This is how the N×N matrices of METHOD.md §2–3 (kernels, distances,
// affinity, Laplacian) are held: never whole on one rank.
//
// The grid must outlive every matrix built on it. Unless stated otherwise, member functions are
// local (no communication); the ones marked "collective" must be called by every rank of grid().
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/block_cyclic.hpp"
#include "hykal/parallel/scalapack_descriptor.hpp"

#include <Eigen/Dense>

#include <vector>

namespace hykal::parallel {

class DistributedMatrix {
 public:
  static constexpr int default_block_size = 64;

  // A rows × cols matrix of zeros with square blocks of block_size (ELPA and pdsyevr need square
  // blocks); SettingError "block size" if a block is smaller than 1.
  DistributedMatrix(const BlacsGrid& grid, int rows, int cols, int block_size = default_block_size);
  DistributedMatrix(const BlacsGrid& grid, int rows, int cols, int row_block, int col_block);

  const BlacsGrid& grid() const { return *grid_; }
  int rows() const { return rows_; }
  int cols() const { return cols_; }
  int row_block() const { return row_block_; }
  int col_block() const { return col_block_; }
  int local_rows() const { return local_rows_; }
  int local_cols() const { return local_cols_; }
  int leading_dimension() const { return descriptor_.local_leading_dimension(); }
  const ScalapackDescriptor& descriptor() const { return descriptor_; }

  // Local storage, column-major: local(il, jl) is data()[il + jl·leading_dimension()].
  double* data() { return values_.data(); }
  const double* data() const { return values_.data(); }
  double& local(int il, int jl) { return values_[static_cast<std::size_t>(il) + static_cast<std::size_t>(jl) * ld_]; }
  const double& local(int il, int jl) const { return values_[static_cast<std::size_t>(il) + static_cast<std::size_t>(jl) * ld_]; }

  // Local ↔ global index maps (0-based).
  int global_row(int il) const { return block_cyclic::global_index(il, row_block_, grid_->myrow(), grid_->nprow()); }
  int global_col(int jl) const { return block_cyclic::global_index(jl, col_block_, grid_->mycol(), grid_->npcol()); }
  int row_owner(int i) const { return block_cyclic::owner(i, row_block_, grid_->nprow()); }
  int col_owner(int j) const { return block_cyclic::owner(j, col_block_, grid_->npcol()); }
  // Local index of global row i / column j; meaningful only on the owning process row / column.
  int local_row(int i) const { return block_cyclic::local_index(i, row_block_, grid_->nprow()); }
  int local_col(int j) const { return block_cyclic::local_index(j, col_block_, grid_->npcol()); }
  bool is_local(int i, int j) const { return row_owner(i) == grid_->myrow() && col_owner(j) == grid_->mycol(); }

  // Calls f(global_i, global_j, value&) for every local element (column by column).
  template <class F>
  void for_each_local(F&& f) {
    for (int jl = 0; jl < local_cols_; ++jl) {
      const int j = global_col(jl);
      for (int il = 0; il < local_rows_; ++il) f(global_row(il), j, local(il, jl));
    }
  }
  template <class F>
  void for_each_local(F&& f) const {
    for (int jl = 0; jl < local_cols_; ++jl) {
      const int j = global_col(jl);
      for (int il = 0; il < local_rows_; ++il) f(global_row(il), j, local(il, jl));
    }
  }
  // Sets every element (i, j) to f(i, j); f sees global indices.
  template <class F>
  void fill(F&& f) {
    for_each_local([&f](int i, int j, double& value) { value = f(i, j); });
  }

  void set_constant(double value);
  void scale(double factor);
  // Adds value to every diagonal element (i, i).
  void add_to_diagonal(double value);

  // The first k columns as a rows × k matrix on the same grid and blocks. Local copy, no
  // communication: with equal blocking, column j < k sits on the same process in both.
  // (METHOD.md §3: each N_c reuses the leading eigenvectors of the largest N_c.)
  DistributedMatrix leading_columns(int k) const;

  // Collective: the same matrix on the same grid with square blocks of block_size (ScaLAPACK
  // pdgemr2d redistribution).
  DistributedMatrix redistributed(int block_size) const;

  // Collective: a rows × columns.size() matrix on the same grid and blocks whose column c is
  // column columns[c] of this one (PBLAS pdcopy per column; for reordering eigenvectors).
  DistributedMatrix select_columns(const std::vector<int>& columns) const;

  // Collective: Σ_j A(i, j) for every global row i, replicated on every rank (length rows()).
  Eigen::VectorXd row_sums() const;
  // Collective: Σ_i A(i, j) for every global column j, replicated on every rank (length cols()).
  Eigen::VectorXd col_sums() const;
  // Collective: Σ_ij A(i, j), the same on every rank.
  double global_sum() const;

  // Collective: the whole matrix on every rank. Only for small matrices (tests, and N × k
  // eigenvector blocks with small k: spectral embeddings are replicated for cluster assignment).
  Eigen::MatrixXd gather_to_all() const;
  // Collective: the whole matrix on rank `root` of grid().comm(), an empty matrix elsewhere.
  // Only for tests and small matrices (every rank allocates rows × cols during the reduction).
  Eigen::MatrixXd gather_to_root(int root = 0) const;

 private:
  const BlacsGrid* grid_;
  int rows_;
  int cols_;
  int row_block_;
  int col_block_;
  int local_rows_;
  int local_cols_;
  int ld_;
  ScalapackDescriptor descriptor_;
  std::vector<double> values_;
};

}  // namespace hykal::parallel
