#pragma once
// Distributing a replicated test matrix over a BLACS grid. The block size is small so that
// even the 30 × 30 fixtures are spread over every rank of a 2 × 2 grid.
#include "hykal/parallel/distributed_matrix.hpp"

#include <Eigen/Dense>

namespace hykal::test {

constexpr int small_block = 8;

inline parallel::DistributedMatrix distribute(const parallel::BlacsGrid& grid, const Eigen::MatrixXd& m) {
  parallel::DistributedMatrix d(grid, static_cast<int>(m.rows()), static_cast<int>(m.cols()), small_block);
  d.fill([&m](int i, int j) { return m(i, j); });
  return d;
}

}  // namespace hykal::test
