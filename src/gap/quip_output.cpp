#include "hykal/gap/quip_output.hpp"

#include "hykal/error.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include <fstream>

namespace hykal::gap {

namespace {

std::string count_error(const std::string& stdout_path, std::size_t structures, std::size_t frames) {
  return stdout_path + ": quip wrote " + std::to_string(structures) + " structures (lines \"AT …\") for " +
         std::to_string(frames) + " frames";
}

// The structure lines of quip's stdout, without their "AT " prefix, into xyz_path; their number.
std::size_t extract_structures(const std::string& stdout_path, const std::string& xyz_path) {
  std::ifstream in(stdout_path);
  if (!in) throw InputError(stdout_path + ": cannot read quip's output");
  std::ofstream out(xyz_path, std::ios::trunc);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, 3, "AT ") != 0) continue;
    out << line.substr(3) << '\n';
    ++lines;
  }
  out.flush();
  if (!out) throw InputError(xyz_path + ": cannot write (disk full?)");
  return lines;
}

Prediction matched(const io::Frame& computed, const io::Frame& given, std::size_t index, const std::string& path) {
  const std::string where = path + ": frame " + std::to_string(index) + ": ";
  if (computed.atomic_numbers != given.atomic_numbers)
    throw InputError(where + "its atoms differ from those of the frame given to quip (" + given.source_file + " frame " +
                     std::to_string(given.source_index) + ")");
  if (!computed.energy) throw InputError(where + "quip wrote no energy");
  if (!computed.has_forces()) throw InputError(where + "quip wrote no forces (key force)");
  if (!computed.virial) throw InputError(where + "quip wrote no virial");
  return Prediction{*computed.energy, computed.forces, *computed.virial};
}

}  // namespace

std::vector<Prediction> read_quip_output(const std::string& stdout_path, const std::string& xyz_path,
                                         const std::vector<io::Frame>& frames) {
  if (extract_structures(stdout_path, xyz_path) == 0 && !frames.empty())
    throw InputError(count_error(stdout_path, 0, frames.size()));
  // quip stores its energy as energy and also logs it as Energy; the frames it was given carry
  // no energy of their own, so the reader's automatic choice (energy first) finds quip's.
  io::ReadOptions options;
  options.forces_key = "force";
  options.virial_key = "virial";
  std::vector<io::Frame> computed;
  try {
    computed = io::read_extxyz(xyz_path, options);  // refuses NaN and Inf, naming line and field
  } catch (const InputError& error) {
    throw InputError(std::string("quip's results are not usable: ") + error.what());
  }
  if (computed.size() != frames.size()) throw InputError(count_error(stdout_path, computed.size(), frames.size()));
  std::vector<Prediction> predictions;
  for (std::size_t f = 0; f < frames.size(); ++f) predictions.push_back(matched(computed[f], frames[f], f, xyz_path));
  return predictions;
}

}  // namespace hykal::gap
