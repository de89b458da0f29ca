#include "hykal/gap/e0.hpp"

#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace hykal::gap {

namespace {

const double absent = std::numeric_limits<double>::quiet_NaN();

std::string symbol(int z) { return std::string(io::element_symbol(z)); }

std::map<int, double> isolated_energies(const std::vector<io::Frame>& local_frames, const std::vector<int>& species,
                                        MPI_Comm comm) {
  // This rank's first one-atom energy per species, then the lowest rank that has one.
  std::vector<double> mine(static_cast<std::size_t>(io::max_atomic_number) + 1, absent);
  for (const io::Frame& frame : local_frames) {
    if (frame.n_atoms() != 1 || !frame.energy) continue;
    double& slot = mine[static_cast<std::size_t>(frame.atomic_numbers[0])];
    if (std::isnan(slot)) slot = *frame.energy;
  }
  int size = 0;
  MPI_Comm_size(comm, &size);
  std::vector<double> all(mine.size() * static_cast<std::size_t>(size));
  MPI_Allgather(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(), static_cast<int>(mine.size()),
                MPI_DOUBLE, comm);
  std::map<int, double> e0;
  std::string missing;
  for (int z : species) {
    for (int r = 0; r < size && !e0.count(z); ++r) {
      const double value = all[static_cast<std::size_t>(r) * mine.size() + static_cast<std::size_t>(z)];
      if (!std::isnan(value)) e0[z] = value;
    }
    if (!e0.count(z)) missing += (missing.empty() ? "" : ", ") + symbol(z);
  }
  if (!missing.empty()) {
    throw InputError("gap.e0 = isolated: no one-atom training frame with an energy for " + missing +
                     " (add isolated-atom frames, or set gap.e0 = average or explicit values)");
  }
  return e0;
}

std::map<int, double> average_energy(const std::vector<io::Frame>& local_frames, const std::vector<int>& species,
                                     MPI_Comm comm) {
  double sums[2] = {0.0, 0.0};  // Σ E/N, number of frames with an energy
  for (const io::Frame& frame : local_frames) {
    if (!frame.energy || frame.n_atoms() == 0) continue;
    sums[0] += *frame.energy / static_cast<double>(frame.n_atoms());
    sums[1] += 1.0;
  }
  MPI_Allreduce(MPI_IN_PLACE, sums, 2, MPI_DOUBLE, MPI_SUM, comm);
  if (sums[1] == 0.0) throw InputError("gap.e0 = average: no training frame has an energy");
  std::map<int, double> e0;
  for (int z : species) e0[z] = sums[0] / sums[1];
  return e0;
}

}  // namespace

E0Settings parse_e0(const std::string& text) {
  if (text == "isolated" || text == "average") return E0Settings{text, {}};
  E0Settings settings{"explicit", {}};
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    const auto colon = word.find(':');
    const int z = colon == std::string::npos ? 0 : io::atomic_number(word.substr(0, colon));
    const std::string number = colon == std::string::npos ? "" : word.substr(colon + 1);
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (z == 0 || number.empty() || *end != '\0') {
      throw InputError("gap.e0: '" + word + "' is not Element:value (expected isolated, average or e.g. \"As:-2.1 Te:-1.9\")");
    }
    settings.values[z] = value;
  }
  if (settings.values.empty()) throw InputError("gap.e0: empty (expected isolated, average or e.g. \"As:-2.1 Te:-1.9\")");
  return settings;
}

std::map<int, double> determine_e0(const std::vector<io::Frame>& local_frames, const std::vector<int>& species,
                                   const E0Settings& settings, MPI_Comm comm) {
  if (settings.method == "isolated") return isolated_energies(local_frames, species, comm);
  if (settings.method == "average") return average_energy(local_frames, species, comm);
  std::map<int, double> e0;
  for (int z : species) {
    const auto found = settings.values.find(z);
    if (found == settings.values.end()) throw InputError("gap.e0: no value for " + symbol(z));
    e0[z] = found->second;
  }
  return e0;
}

}  // namespace hykal::gap
