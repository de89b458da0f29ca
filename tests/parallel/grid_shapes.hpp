#pragma once
// The process-grid shapes every distributed test runs on, all built from the same ranks (idea from
// DLA-Future's comm_grids): the near-square default, one process row and one process column.
#include "hykal/parallel/blacs_grid.hpp"

#include <mpi.h>

#include <vector>

namespace hykal::test {

inline std::vector<parallel::GridShape> grid_shapes() {
  int size = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  std::vector<parallel::GridShape> shapes{parallel::near_square_shape(size)};
  if (size > 1) {
    shapes.push_back({1, size});
    shapes.push_back({size, 1});
  }
  return shapes;
}

}  // namespace hykal::test
