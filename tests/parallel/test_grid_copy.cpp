// copy_across_grids between every pair of grid shapes and unequal blockings, whole and in tiles
// much smaller than the matrix (down to one common block per tile, the smallest it makes). The
// reference is analytic: element (i, j) holds value(i, j) in the source, so every copied element
// is known exactly.
#include "hykal/parallel/grid_copy.hpp"

#include "grid_shapes.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cstdint>

using hykal::parallel::BlacsGrid;
using hykal::parallel::DistributedMatrix;

namespace {

double value(int i, int j) { return 1000.0 * i + j; }

int mismatches_against_value(const DistributedMatrix& m) {
  int local = 0;
  m.for_each_local([&](int i, int j, double v) { local += v != value(i, j); });
  int total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

}  // namespace

TEST_CASE("a copy across grids keeps every element, whole and in small tiles", "[parallel]") {
  for (const auto from : hykal::test::grid_shapes()) {
    for (const auto to : hykal::test::grid_shapes()) {
      const BlacsGrid source_grid(MPI_COMM_WORLD, from);
      const BlacsGrid target_grid(MPI_COMM_WORLD, to);
      DistributedMatrix source(source_grid, 53, 31, 6, 31);  // blocks unlike the target's and not square
      source.fill(value);
      for (std::int64_t tile : {std::int64_t{1} << 24, std::int64_t{200}, std::int64_t{1}}) {
        DistributedMatrix target(target_grid, 53, 31, 4);
        hykal::parallel::copy_across_grids(source, target, tile);
        CHECK(mismatches_against_value(target) == 0);
      }
    }
  }
}

TEST_CASE("redistribution to another block size keeps every element", "[parallel]") {
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    DistributedMatrix m(grid, 27, 27, 8);
    m.fill(value);
    for (int block : {1, 5, 64}) {
      const DistributedMatrix reblocked = m.redistributed(block);
      CHECK(reblocked.row_block() == block);
      CHECK(mismatches_against_value(reblocked) == 0);
    }
  }
}

// Debian's ScaLAPACK 2.2.1 exits the process ("xxmr2d:out of memory", exit 2) from a single
// pdgemr2d whose local part is 2 GiB or more, however much memory is free; this is the GAP fit's
// one-rank fit group at 425 GeTe frames in miniature. The global size is fixed (2.15 GB per
// matrix, 4.3 GB in all at any rank count), so the local part passes 2 GiB at one rank.
TEST_CASE("a copy of a matrix over 2 GiB completes", "[parallel][large]") {
  int size = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const int rows = 140'000;
  const int cols = 1'920;  // 2²⁸ + 0.4 M doubles
  const BlacsGrid row_grid(MPI_COMM_WORLD, hykal::parallel::GridShape{size, 1});
  const BlacsGrid square_grid(MPI_COMM_WORLD);
  DistributedMatrix source(row_grid, rows, cols, 64);
  if (size == 1) REQUIRE(static_cast<long long>(source.local_rows()) * source.local_cols() > (1LL << 28));
  source.fill(value);
  DistributedMatrix target(square_grid, rows, cols, 64);
  hykal::parallel::copy_across_grids(source, target);
  CHECK(mismatches_against_value(target) == 0);
}
