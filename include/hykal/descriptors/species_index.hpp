#pragma once
// Which of a descriptor's species each atom of a frame is.
#include "hykal/io/frame.hpp"

#include <string>
#include <vector>

namespace hykal::descriptors {

// Position of each atom's element in species (atomic numbers), one per atom. An element not in
// species is an InputError naming the file, frame, atom and list_name (e.g. "soap.species").
std::vector<int> species_indices(const io::Frame& frame, const std::vector<int>& species,
                                 const std::string& list_name);

}  // namespace hykal::descriptors
