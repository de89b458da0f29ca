#pragma once
#include "hykal/util/stage_timers.hpp"

#include <hdf5.h>
#include <mpi.h>

#include <vector>

namespace hykal::app {

// Collective: /timers, a table of stage name and seconds (min, avg, max over ranks).
void write_timers_group(hid_t file, MPI_Comm comm, const std::vector<util::StageTime>& rows);

}  // namespace hykal::app
