#pragma once
// The world split in two (idea from DLA-Future's test grids): ranks [0, P/2) and [P/2, P) each
// form a communicator, so distributed code runs on two groups at the same time, as a GAP fit
// group or an active-learning step will. Two groups of 2 at 4 ranks, two of 1 at 2 ranks; at 1
// rank the single group is the whole world.
#include <mpi.h>

namespace hykal::test {

class WorldHalf {
 public:
  WorldHalf() {
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    half_ = size > 1 && rank >= size / 2 ? 1 : 0;
    MPI_Comm_split(MPI_COMM_WORLD, half_, rank, &comm_);
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
  }
  ~WorldHalf() { MPI_Comm_free(&comm_); }
  WorldHalf(const WorldHalf&) = delete;
  WorldHalf& operator=(const WorldHalf&) = delete;

  MPI_Comm comm() const { return comm_; }
  int half() const { return half_; }  // 0 or 1
  int rank() const { return rank_; }  // within the half
  int size() const { return size_; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int half_ = 0;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace hykal::test
