#include "hykal/gap/quip_output.hpp"

#include "hykal/error.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include <fstream>

namespace hykal::gap {

namespace {

// The structure lines of quip's stdout, without their "AT " prefix, into xyz_path.
void extract_structures(const std::string& stdout_path, const std::string& xyz_path) {
  std::ifstream in(stdout_path);
  if (!in) throw InputError(stdout_path + ": cannot read quip's output");
  std::ofstream out(xyz_path, std::ios::trunc);
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, 3, "AT ") == 0) out << line.substr(3) << '\n';
  }
  out.flush();
  if (!out) throw InputError(xyz_path + ": cannot write (disk full?)");
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
  extract_structures(stdout_path, xyz_path);
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
  if (computed.size() != frames.size())
    throw InputError(xyz_path + ": quip wrote " + std::to_string(computed.size()) + " structures (lines \"AT …\" of " +
                     stdout_path + ") for " + std::to_string(frames.size()) + " frames");
  std::vector<Prediction> predictions;
  for (std::size_t f = 0; f < frames.size(); ++f) predictions.push_back(matched(computed[f], frames[f], f, xyz_path));
  return predictions;
}

}  // namespace hykal::gap
