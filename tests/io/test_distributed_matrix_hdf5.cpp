// Collective HDF5 write/read of a DistributedMatrix. References: the analytic fill value(i, j),
// checked (a) in the file read serially with io::hdf5::read_doubles on rank 0, which must show
// element (i, j) at row-major position [i][j] as h5py would, and (b) after reading the file back
// on other grids and block sizes.
#include "hykal/io/distributed_matrix_hdf5.hpp"

#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include "../parallel/grid_shapes.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cstdio>
#include <string>

namespace h5 = hykal::io::hdf5;
using hykal::parallel::BlacsGrid;
using hykal::parallel::DistributedMatrix;

namespace {

double value(int i, int j) { return 1000.0 * i + j + 0.25; }

std::string file_name() {
  int size = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return "test_distributed_matrix_hdf5_np" + std::to_string(size) + ".h5";
}

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

}  // namespace

TEST_CASE("HDF5 write then serial read shows the global matrix row-major", "[io][hdf5]") {
  const std::string path = file_name();
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    for (int block : {1, 3, 7, 64}) {
      const int rows = 29;
      const int cols = 11;
      DistributedMatrix m(grid, rows, cols, block);
      m.fill(value);
      {
        h5::Handle file = h5::create_parallel(path, MPI_COMM_WORLD);
        hykal::io::write_hdf5(file, "kernels/matrix", m);
        // Writing again replaces the dataset.
        hykal::io::write_hdf5(file, "kernels/matrix", m);
      }
      MPI_Barrier(MPI_COMM_WORLD);
      if (world_rank() == 0) {
        h5::Handle file = h5::open_read_only(path);
        const h5::DoubleArray stored = h5::read_doubles(file, "kernels/matrix");
        REQUIRE(stored.shape.size() == 2);
        CHECK(stored.shape[0] == static_cast<hsize_t>(rows));
        CHECK(stored.shape[1] == static_cast<hsize_t>(cols));
        int mismatches = 0;
        for (int i = 0; i < rows; ++i) {
          for (int j = 0; j < cols; ++j) mismatches += stored.values[static_cast<std::size_t>(i) * cols + j] != value(i, j);
        }
        CHECK(mismatches == 0);
      }
      MPI_Barrier(MPI_COMM_WORLD);
    }
  }
  if (world_rank() == 0) std::remove(path.c_str());
}

TEST_CASE("HDF5 round trip onto other grids and block sizes", "[io][hdf5]") {
  const std::string path = file_name();
  const int rows = 31;
  const int cols = 31;
  {
    BlacsGrid grid(MPI_COMM_WORLD);
    DistributedMatrix m(grid, rows, cols, 5);
    m.fill(value);
    h5::Handle file = h5::create_parallel(path, MPI_COMM_WORLD);
    hykal::io::write_hdf5(file, "affinity", m);
  }
  for (const auto shape : hykal::test::grid_shapes()) {
    BlacsGrid grid(MPI_COMM_WORLD, shape);
    for (int block : {2, 8, 64}) {
      h5::Handle file = h5::open_parallel(path, MPI_COMM_WORLD, false);
      const DistributedMatrix read = hykal::io::read_hdf5(file, "affinity", grid, block);
      CHECK(read.rows() == rows);
      CHECK(read.cols() == cols);
      CHECK(read.row_block() == block);
      int mismatches = 0;
      read.for_each_local([&](int i, int j, double v) { mismatches += v != value(i, j); });
      CHECK(mismatches == 0);

      DistributedMatrix wrong_shape(grid, rows, cols + 1, block);
      CHECK_THROWS_AS(hykal::io::read_hdf5(file, "affinity", wrong_shape), hykal::InputError);
      CHECK_THROWS_WITH(hykal::io::read_hdf5(file, "missing", grid, block), Catch::Contains("missing"));
    }
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (world_rank() == 0) std::remove(path.c_str());
}
