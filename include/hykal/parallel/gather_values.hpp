#pragma once
// Concatenating every rank's values in rank order on rank 0: how per-frame numbers of distributed
// frames (the points of a figure) reach the rank that draws. Ranks own contiguous blocks of
// frames in rank order, so the result is in global frame order.
#include <mpi.h>

#include <vector>

namespace hykal::parallel {

// Collective: the values of all ranks, concatenated, on rank 0 (empty elsewhere).
std::vector<double> gather_values_to_root(const std::vector<double>& mine, MPI_Comm comm);

}  // namespace hykal::parallel
