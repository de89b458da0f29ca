#pragma once
// This rank's number and the number of ranks of a communicator, for tests that run on the
// world and on parts of it.
#include <mpi.h>

namespace hykal::test {

inline int rank_of(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

inline int size_of(MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  return size;
}

}  // namespace hykal::test
