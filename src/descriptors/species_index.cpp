#include "hykal/descriptors/species_index.hpp"

#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

namespace hykal::descriptors {

std::vector<int> species_indices(const io::Frame& frame, const std::vector<int>& species,
                                 const std::string& list_name) {
  std::vector<int> index_of_z(io::max_atomic_number + 1, -1);
  for (std::size_t s = 0; s < species.size(); ++s) index_of_z[species[s]] = int(s);
  std::vector<int> indices(frame.n_atoms());
  for (std::size_t i = 0; i < frame.n_atoms(); ++i) {
    const int z = frame.atomic_numbers[i];
    indices[i] = z >= 1 && z <= io::max_atomic_number ? index_of_z[z] : -1;
    if (indices[i] < 0) {
      std::string listed;
      for (int known : species)
        listed += (listed.empty() ? "" : ", ") + std::string(io::element_symbol(known));
      const std::string element = z >= 1 && z <= io::max_atomic_number
                                      ? std::string(io::element_symbol(z))
                                      : "Z=" + std::to_string(z);
      throw InputError(frame.source_file + ": frame " + std::to_string(frame.source_index) +
                       ": species: element " + element + " (atom " + std::to_string(i) +
                       ") is not in " + list_name + " [" + listed + "]");
    }
  }
  return indices;
}

}  // namespace hykal::descriptors
