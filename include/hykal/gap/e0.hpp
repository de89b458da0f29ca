#pragma once
// The per-species reference energies e0 subtracted from total energies before the fit
// (METHOD.md §7; gap_fit's e0_method): "isolated" takes the energy of a one-atom frame of each
// species (the first in global frame order), "average" the mean energy per atom of the training
// frames for every species, "explicit" the user's values (gap.e0 = "As:-2.1 Te:-1.9").
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <map>
#include <string>
#include <vector>

namespace hykal::gap {

struct E0Settings {
  std::string method = "isolated";  // isolated | average | explicit
  std::map<int, double> values;     // explicit: eV per atomic number
};

// Parses the gap.e0 value: "isolated", "average" or "El:value El:value …" (InputError naming gap.e0).
E0Settings parse_e0(const std::string& text);

// Collective over comm; local_frames are this rank's training frames in global order. InputError
// (the same on every rank) naming gap.e0 and the species without a value.
std::map<int, double> determine_e0(const std::vector<io::Frame>& local_frames, const std::vector<int>& species,
                                   const E0Settings& settings, MPI_Comm comm);

}  // namespace hykal::gap
