#pragma once
#include "hykal/app/configuration.hpp"

#include <mpi.h>

#include <string>

namespace hykal::app {

// The start banner: version, git hash, command, ranks, threads per rank, effective configuration.
std::string start_banner(MPI_Comm comm, const std::string& command, const Configuration& configuration);

}  // namespace hykal::app
