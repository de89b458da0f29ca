// BlacsGrid: shapes, coordinates as BLACS reports them, and rejected shapes.
#include "hykal/parallel/blacs_grid.hpp"

#include "hykal/error.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

using hykal::parallel::BlacsGrid;
using hykal::parallel::GridShape;
using hykal::parallel::near_square_shape;

TEST_CASE("near-square shapes have rows <= cols and rows*cols = P", "[parallel]") {
  const GridShape expected[] = {{1, 1}, {1, 2}, {1, 3}, {2, 2}, {1, 5}, {2, 3}, {1, 7}, {2, 4}, {3, 3}, {3, 4}};
  const int ranks[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12};
  for (int t = 0; t < 10; ++t) {
    const GridShape shape = near_square_shape(ranks[t]);
    CHECK(shape.rows == expected[t].rows);
    CHECK(shape.cols == expected[t].cols);
  }
}

TEST_CASE("a grid places every rank column-major and builds row/column communicators", "[parallel]") {
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // Several shapes from the same ranks (DLA-Future's comm_grids idea): default, 1 × P and P × 1.
  for (const GridShape shape : {near_square_shape(size), GridShape{1, size}, GridShape{size, 1}}) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    CHECK(grid.nprow() == shape.rows);
    CHECK(grid.npcol() == shape.cols);
    CHECK(grid.myrow() == rank % shape.rows);
    CHECK(grid.mycol() == rank / shape.rows);
    CHECK(grid.rank() == rank);
    CHECK(grid.context() >= 0);
    int row_size = 0;
    int row_rank = 0;
    int col_size = 0;
    int col_rank = 0;
    MPI_Comm_size(grid.row_comm(), &row_size);
    MPI_Comm_rank(grid.row_comm(), &row_rank);
    MPI_Comm_size(grid.col_comm(), &col_size);
    MPI_Comm_rank(grid.col_comm(), &col_rank);
    CHECK(row_size == grid.npcol());
    CHECK(row_rank == grid.mycol());
    CHECK(col_size == grid.nprow());
    CHECK(col_rank == grid.myrow());
  }
}

TEST_CASE("a grid shape that does not match the ranks is an input error naming parallel.grid", "[parallel]") {
  int size = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  CHECK_THROWS_WITH(BlacsGrid(MPI_COMM_WORLD, GridShape{2, size}), Catch::Contains("process grid"));
  CHECK_THROWS_AS(BlacsGrid(MPI_COMM_WORLD, GridShape{0, size}), hykal::InputError);
}
