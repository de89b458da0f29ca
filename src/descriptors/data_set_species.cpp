#include "hykal/descriptors/data_set_species.hpp"

#include "hykal/io/periodic_table.hpp"

#include <array>

namespace hykal::descriptors {

std::vector<int> species_of_data_set(const std::vector<io::Frame>& frames, MPI_Comm comm) {
  std::array<int, io::max_atomic_number + 1> present{};
  for (const io::Frame& frame : frames)
    for (int z : frame.atomic_numbers) present[static_cast<std::size_t>(z)] = 1;
  MPI_Allreduce(MPI_IN_PLACE, present.data(), static_cast<int>(present.size()), MPI_INT, MPI_MAX, comm);
  std::vector<int> species;
  for (int z = 1; z <= io::max_atomic_number; ++z)
    if (present[static_cast<std::size_t>(z)]) species.push_back(z);
  return species;
}

}  // namespace hykal::descriptors
