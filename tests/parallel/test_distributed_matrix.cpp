// DistributedMatrix: index maps, fill/gather, reductions and leading columns on several grids
// and block sizes that do and do not divide the matrix size. References are analytic: element
// (i, j) is filled with value(i, j) below, so every gathered element and sum is known exactly.
#include "hykal/parallel/distributed_matrix.hpp"

#include "grid_shapes.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <vector>

using hykal::parallel::BlacsGrid;
using hykal::parallel::DistributedMatrix;

namespace {

double value(int i, int j) { return 1000.0 * i + j; }

}  // namespace

TEST_CASE("descriptor and local sizes follow the block-cyclic layout", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    for (int block : {1, 3, 7, 64}) {
      const int rows = 23;
      const int cols = 17;
      DistributedMatrix m(grid, rows, cols, block);
      CHECK(m.descriptor().global_rows() == rows);
      CHECK(m.descriptor().global_cols() == cols);
      CHECK(m.descriptor().row_block() == block);
      CHECK(m.descriptor().col_block() == block);
      CHECK(m.descriptor().context() == grid.context());
      CHECK(m.leading_dimension() >= m.local_rows());
      CHECK(m.leading_dimension() >= 1);
      // The local sizes add up to the global ones over the process column / row.
      int row_total = 0;
      int col_total = 0;
      const int local_rows = m.local_rows();
      const int local_cols = m.local_cols();
      MPI_Allreduce(&local_rows, &row_total, 1, MPI_INT, MPI_SUM, grid.col_comm());
      MPI_Allreduce(&local_cols, &col_total, 1, MPI_INT, MPI_SUM, grid.row_comm());
      CHECK(row_total == rows);
      CHECK(col_total == cols);
      // Round trip local -> global -> local.
      for (int il = 0; il < m.local_rows(); ++il) {
        CHECK(m.row_owner(m.global_row(il)) == grid.myrow());
        CHECK(m.local_row(m.global_row(il)) == il);
      }
      for (int jl = 0; jl < m.local_cols(); ++jl) {
        CHECK(m.col_owner(m.global_col(jl)) == grid.mycol());
        CHECK(m.local_col(m.global_col(jl)) == jl);
      }
    }
  }
}

TEST_CASE("fill then gather gives back every element", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    for (int block : {1, 3, 7, 64}) {
      const int rows = 23;
      const int cols = 17;
      DistributedMatrix m(grid, rows, cols, block);
      m.fill(value);
      int mismatches = 0;
      m.for_each_local([&](int i, int j, double v) { mismatches += (v != value(i, j)); });
      CHECK(mismatches == 0);
      for (int il = 0; il < m.local_rows(); ++il) {
        for (int jl = 0; jl < m.local_cols(); ++jl) {
          mismatches += m.local(il, jl) != value(m.global_row(il), m.global_col(jl));
          mismatches += !m.is_local(m.global_row(il), m.global_col(jl));
        }
      }
      CHECK(mismatches == 0);

      const Eigen::MatrixXd all = m.gather_to_all();
      const Eigen::MatrixXd root = m.gather_to_root();
      REQUIRE(all.rows() == rows);
      REQUIRE(all.cols() == cols);
      for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) mismatches += all(i, j) != value(i, j);
      }
      CHECK(mismatches == 0);
      if (grid.rank() == 0) {
        CHECK(root == all);
      } else {
        CHECK(root.size() == 0);
      }
    }
  }
}

TEST_CASE("row sums, column sums, global sum, scaling and diagonal shift", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    const int n = 19;
    DistributedMatrix m(grid, n, n, 4);
    m.fill(value);
    m.scale(2.0);
    m.add_to_diagonal(0.5);
    // Σ_j 2(1000 i + j) + 0.5 = 2000 n i + n(n−1) + 0.5, and symmetrically for columns.
    const Eigen::VectorXd rows = m.row_sums();
    const Eigen::VectorXd cols = m.col_sums();
    REQUIRE(rows.size() == n);
    REQUIRE(cols.size() == n);
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
      CHECK(rows[i] == Approx(2000.0 * n * i + n * (n - 1.0) + 0.5));
      CHECK(cols[i] == Approx(1000.0 * n * (n - 1.0) + 2.0 * n * i + 0.5));
      total += rows[i];
    }
    CHECK(m.global_sum() == Approx(total));
    m.set_constant(1.5);
    CHECK(m.global_sum() == Approx(1.5 * n * n));
  }
}

TEST_CASE("leading columns keep values and layout", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    for (int k : {1, 3, 5, 11}) {
      DistributedMatrix m(grid, 13, 11, 3);
      m.fill(value);
      const DistributedMatrix leading = m.leading_columns(k);
      CHECK(leading.cols() == k);
      const Eigen::MatrixXd all = leading.gather_to_all();
      int mismatches = 0;
      for (int i = 0; i < 13; ++i) {
        for (int j = 0; j < k; ++j) mismatches += all(i, j) != value(i, j);
      }
      CHECK(mismatches == 0);
    }
  }
}

TEST_CASE("selected columns are copied in the given order", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    DistributedMatrix m(grid, 13, 11, 3);
    m.fill(value);
    const std::vector<int> columns{10, 0, 4, 4, 7};
    const Eigen::MatrixXd all = m.select_columns(columns).gather_to_all();
    REQUIRE(all.cols() == 5);
    int mismatches = 0;
    for (int i = 0; i < 13; ++i) {
      for (int c = 0; c < 5; ++c) mismatches += all(i, c) != value(i, columns[static_cast<std::size_t>(c)]);
    }
    CHECK(mismatches == 0);
  }
}
