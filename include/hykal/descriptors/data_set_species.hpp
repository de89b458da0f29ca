#pragma once
// The chemical species of a distributed data set, which fix the SOAP layout (soap.species = auto)
// and must be the same on every rank.
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <vector>

namespace hykal::descriptors {

// Collective over comm: the atomic numbers present in any rank's frames, ascending.
std::vector<int> species_of_data_set(const std::vector<io::Frame>& frames, MPI_Comm comm);

}  // namespace hykal::descriptors
