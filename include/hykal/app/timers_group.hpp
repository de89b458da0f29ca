#pragma once
#include "hykal/util/stage_timers.hpp"

#include <hdf5.h>
#include <mpi.h>

#include <vector>

namespace hykal::app {

// Collective: /timers, a table of stage name, wall seconds, CPU seconds and peak resident memory
// per rank (MB), each min, avg and max over the ranks.
void write_timers_group(hid_t file, MPI_Comm comm, const std::vector<util::StageTime>& rows);

}  // namespace hykal::app
