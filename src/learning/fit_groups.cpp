#include "hykal/learning/fit_groups.hpp"

#include "hykal/error.hpp"

#include <string>

namespace hykal::learning {

FitGroups::FitGroups(MPI_Comm world, int count) : world_(world), count_(count) {
  int rank = 0;
  MPI_Comm_rank(world_, &rank);
  MPI_Comm_size(world_, &world_size_);
  if (count_ < 1 || count_ > world_size_)
    throw InputError("bo.batch = " + std::to_string(count_) + ": fits in parallel must be between 1 and the " +
                     std::to_string(world_size_) + " ranks");
  index_ = static_cast<int>(static_cast<long long>(rank) * count_ / world_size_);
  if (MPI_Comm_split(world_, index_, rank, &group_) != MPI_SUCCESS) HYKAL_THROW("MPI_Comm_split failed");
}

FitGroups::~FitGroups() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized && group_ != MPI_COMM_NULL) MPI_Comm_free(&group_);
}

int FitGroups::first_rank_of(int group) const {
  return static_cast<int>((static_cast<long long>(group) * world_size_ + count_ - 1) / count_);
}

}  // namespace hykal::learning
