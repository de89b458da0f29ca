#pragma once
// The ranks split into bo.batch groups, each fitting one proposal at a time (issue 9 item 2).
// Groups are contiguous blocks of world ranks, as balanced as the division allows (sizes differ
// by at most one): group g holds the ranks r with ⌊r·G/size⌋ = g, so its first rank, the one that
// reports, is ⌈g·size/G⌉. Each group owns its communicator (MPI_Comm_split), on which a fit
// builds its own near-square BLACS grid.
#include <mpi.h>

namespace hykal::learning {

class FitGroups {
 public:
  // Collective over world. Throws InputError naming bo.batch unless 1 ≤ count ≤ world size.
  FitGroups(MPI_Comm world, int count);
  ~FitGroups();
  FitGroups(const FitGroups&) = delete;
  FitGroups& operator=(const FitGroups&) = delete;

  MPI_Comm world() const { return world_; }
  MPI_Comm group() const { return group_; }  // this rank's group
  int index() const { return index_; }        // this rank's group, 0 … count − 1
  int count() const { return count_; }
  int first_rank_of(int group) const;         // world rank that reports for group

 private:
  MPI_Comm world_;
  MPI_Comm group_ = MPI_COMM_NULL;
  int world_size_ = 1;
  int count_;
  int index_ = 0;
};

}  // namespace hykal::learning
