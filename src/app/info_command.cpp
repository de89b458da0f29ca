// `hykal info`: what a data set holds, as hykal reads it, before any long job is submitted.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/io/label_value.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/parallel/gather_text.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

namespace hykal::app {
namespace {

std::string format(const char* pattern, double a, double b = 0.0, double c = 0.0) {
  char text[200];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

std::string species_summary(const io::LocalFrames& data, MPI_Comm comm) {
  std::array<long long, io::max_atomic_number + 1> counts{};
  for (const io::Frame& frame : data.frames)
    for (int z : frame.atomic_numbers) ++counts[static_cast<std::size_t>(z)];
  MPI_Allreduce(MPI_IN_PLACE, counts.data(), static_cast<int>(counts.size()), MPI_LONG_LONG, MPI_SUM, comm);
  std::string text;
  for (int z = 1; z <= io::max_atomic_number; ++z)
    if (counts[static_cast<std::size_t>(z)] > 0)
      text += (text.empty() ? "" : ", ") + std::string(io::element_symbol(z)) + " (Z=" + std::to_string(z) +
              ", " + std::to_string(counts[static_cast<std::size_t>(z)]) + " atoms)";
  return text;
}

std::string energy_summary(const io::LocalFrames& data, MPI_Comm comm) {
  double low = std::numeric_limits<double>::infinity(), high = -low, sum = 0.0;
  long long with_energy = 0;
  for (const io::Frame& frame : data.frames) {
    if (!frame.energy) continue;
    const double per_atom = *frame.energy / static_cast<double>(frame.n_atoms());
    low = std::min(low, per_atom);
    high = std::max(high, per_atom);
    sum += per_atom;
    ++with_energy;
  }
  MPI_Allreduce(MPI_IN_PLACE, &low, 1, MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(MPI_IN_PLACE, &high, 1, MPI_DOUBLE, MPI_MAX, comm);
  MPI_Allreduce(MPI_IN_PLACE, &sum, 1, MPI_DOUBLE, MPI_SUM, comm);
  MPI_Allreduce(MPI_IN_PLACE, &with_energy, 1, MPI_LONG_LONG, MPI_SUM, comm);
  const long long missing = data.index.n_frames() - with_energy;
  if (with_energy == 0) return "none of the frames has an energy";
  return format("%.6f to %.6f eV/atom (mean %.6f eV/atom)", low, high, sum / static_cast<double>(with_energy)) +
         (missing ? ", " + std::to_string(missing) + " frame(s) without energy" : "");
}

// Numeric labels (temperature, pressure) as a range; text labels as their first values.
std::string describe_values(const std::map<std::string, long long>& counts) {
  const bool numeric = std::all_of(counts.begin(), counts.end(), [](const auto& entry) { return io::is_numeric_label(entry.first); });
  if (numeric) {
    std::vector<double> numbers;
    for (const auto& entry : counts) numbers.push_back(std::strtod(entry.first.c_str(), nullptr));
    const auto [low, high] = std::minmax_element(numbers.begin(), numbers.end());
    return format("%g to %g", *low, *high);
  }
  std::string shown;
  int listed = 0;
  for (const auto& [value, count] : counts) {
    if (listed++ == 8) return shown + ", …";
    shown += (shown.empty() ? "" : ", ") + value + " (" + std::to_string(count) + ")";
  }
  return shown;
}

// Labels are gathered to rank 0 as "key\tvalue\n" lines: small next to the frames themselves.
std::string label_summary(const io::LocalFrames& data, MPI_Comm comm) {
  std::string mine;
  for (const io::Frame& frame : data.frames)
    for (const auto& [key, value] : frame.labels) mine += key + '\t' + value + '\n';
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  const std::string all = parallel::gather_text_to_root(mine, comm);
  if (rank != 0) return "";

  std::map<std::string, std::map<std::string, long long>> values;  // key → value → frames
  for (const std::string& line : parallel::split_lines(all)) {
    const std::size_t tab = line.find('\t');
    ++values[line.substr(0, tab)][line.substr(tab + 1)];
  }
  if (values.empty()) return "  (none)\n";
  std::string text;
  for (const auto& [key, counts] : values) {
    long long frames = 0;
    for (const auto& entry : counts) frames += entry.second;
    text += "  " + key + ": " + std::to_string(frames) + " frames, " + std::to_string(counts.size()) +
            " distinct value(s): " + describe_values(counts) + '\n';
  }
  return text;
}

std::string distribution_summary(const io::LocalFrames& data) {
  std::string text;
  for (int r = 0; r < data.distribution.n_ranks(); ++r) {
    long long atoms = 0;
    for (std::int64_t g = data.distribution.first(r); g < data.distribution.last(r); ++g)
      atoms += data.index.frames[static_cast<std::size_t>(g)].n_atoms;
    text += "  rank " + std::to_string(r) + ": frames " + std::to_string(data.distribution.first(r)) + "–" +
            std::to_string(data.distribution.last(r) - 1) + " (" + std::to_string(data.distribution.count(r)) +
            " frames, " + std::to_string(atoms) + " atoms)\n";
  }
  return text;
}

std::string files_summary(const io::FrameIndex& index) {
  std::vector<long long> frames(index.files.size(), 0);
  for (const io::FrameLocation& location : index.frames) ++frames[static_cast<std::size_t>(location.file)];
  std::string text;
  for (std::size_t f = 0; f < index.files.size(); ++f)
    text += "  " + index.files[f] + ": " + std::to_string(frames[f]) + " frames\n";
  return text;
}

std::string atom_count_summary(const io::FrameIndex& index) {
  std::map<std::int64_t, long long> frames_with;  // atoms per frame → frames
  for (const io::FrameLocation& location : index.frames) ++frames_with[location.n_atoms];
  std::string text;
  for (const auto& [atoms, frames] : frames_with)
    text += (text.empty() ? "" : ", ") + std::to_string(atoms) + " atoms × " + std::to_string(frames) + " frames";
  return text;
}

}  // namespace

void run_info(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, false, Outputs::none);
  auto timer = context.timers.scope("summarise");
  const std::string species = species_summary(data, context.comm);
  const std::string energies = energy_summary(data, context.comm);
  const std::string labels = label_summary(data, context.comm);
  context.logger.info("data set:\n"
                      "files:\n" + files_summary(data.index) +
                      "frames: " + std::to_string(data.index.n_frames()) + "\n"
                      "atoms per frame: " + atom_count_summary(data.index) + "\n"
                      "species: " + species + "\n"
                      "energy: " + energies + "\n"
                      "labels:\n" + labels +
                      "frames over " + std::to_string(data.distribution.n_ranks()) + " rank(s), balanced by atom count:\n" +
                      distribution_summary(data));
}

}  // namespace hykal::app
