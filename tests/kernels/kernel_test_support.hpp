#pragma once
// Helpers shared by the kernel tests: splitting frames into contiguous rank blocks and reading
// fixture arrays.
#include "hykal/kernels/local_features.hpp"
#include "hykal/io/hdf5.hpp"

#include <Eigen/Core>
#include <mpi.h>

#include <string>
#include <utility>
#include <vector>

namespace hykal::test {

struct Ranks {
  int rank = 0;
  int size = 1;
  Ranks() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
  }
};

// Contiguous block [first, end) of n frames for `rank`: uneven on purpose (rank r gets a share
// proportional to r + 1), so blocks of different sizes and empty ranks are exercised.
inline std::pair<int, int> uneven_block(int n, int rank, int size) {
  const int total_weight = size * (size + 1) / 2;
  const auto start = [&](int r) { return static_cast<int>(static_cast<long long>(n) * (r * (r + 1) / 2) / total_weight); };
  return {start(rank), start(rank + 1)};
}

// A 2-D fixture dataset as an Eigen matrix (row-major as h5py shows it).
inline Eigen::MatrixXd read_matrix(const std::string& file, const std::string& dataset) {
  auto handle = io::hdf5::open_read_only(file);
  const auto data = io::hdf5::read_doubles(handle, dataset);
  Eigen::MatrixXd m(static_cast<Eigen::Index>(data.shape.at(0)), static_cast<Eigen::Index>(data.shape.at(1)));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = data.values[static_cast<std::size_t>(i * m.cols() + j)];
  return m;
}

}  // namespace hykal::test
