#pragma once
// One text file written by every rank at once, each rank's part following the parts of the
// ranks before it: the offsets are an exclusive prefix sum of the part sizes, and each rank
// writes its part with MPI-IO, so no rank ever holds the whole file (an annotated copy of a data
// set can be as large as the data set).
#include <mpi.h>

#include <string>

namespace hykal::io {

// Collective over comm. Written to <path>.partial and renamed to path once every rank has
// written; an interrupt removes the partial file. CollectiveInputError naming the path on every
// rank when it cannot be written (the partial file is removed).
void write_in_rank_order(const std::string& path, const std::string& mine, MPI_Comm comm);

}  // namespace hykal::io
