#include "hykal/io/frames_group.hpp"

#include "hykal/io/hdf5.hpp"
#include "hykal/io/label_value.hpp"
#include "hykal/parallel/gather_text.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>

namespace hykal::io {
namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

struct Rows {
  hid_t group;
  MPI_Comm comm;
  hsize_t total, first, count;

  void doubles(const std::string& name, const std::vector<double>& values) const {
    hdf5::write_rows(group, name, H5T_NATIVE_DOUBLE, total, 0, first, count, values.data());
  }
  void integers(const std::string& name, const std::vector<long long>& values) const {
    hdf5::write_rows(group, name, H5T_NATIVE_LLONG, total, 0, first, count, values.data());
  }
  // Fixed-length strings as long as the longest value on any rank.
  void strings(const std::string& name, const std::vector<std::string>& values) const {
    unsigned long long longest = 1;
    for (const std::string& value : values) longest = std::max<unsigned long long>(longest, value.size());
    MPI_Allreduce(MPI_IN_PLACE, &longest, 1, MPI_UNSIGNED_LONG_LONG, MPI_MAX, comm);
    std::vector<char> packed(values.size() * longest, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) values[i].copy(packed.data() + i * longest, longest);
    hdf5::Handle type = hdf5::fixed_string_type(longest);
    hdf5::write_rows(group, name, type, total, 0, first, count, packed.data());
  }
};

// The union of label keys over every rank, in sorted order (the same on every rank).
std::vector<std::string> all_label_keys(const std::vector<Frame>& frames, MPI_Comm comm) {
  std::set<std::string> keys;
  for (const Frame& frame : frames)
    for (const auto& label : frame.labels) keys.insert(label.first);
  std::string mine;
  for (const std::string& key : keys) mine += key + '\n';
  for (const std::string& key : parallel::split_lines(parallel::gather_text_to_all(mine, comm))) keys.insert(key);
  return {keys.begin(), keys.end()};
}

void write_label(const Rows& rows, const std::string& key, const std::vector<Frame>& frames) {
  std::vector<std::string> texts;
  int numeric = 1;
  for (const Frame& frame : frames) {
    const auto found = frame.labels.find(key);
    texts.push_back(found == frame.labels.end() ? std::string() : found->second);
    if (found != frame.labels.end() && !is_numeric_label(found->second)) numeric = 0;
  }
  MPI_Allreduce(MPI_IN_PLACE, &numeric, 1, MPI_INT, MPI_MIN, rows.comm);
  if (!numeric) return rows.strings(key, texts);
  std::vector<double> values;
  for (const std::string& text : texts) values.push_back(text.empty() ? missing : std::strtod(text.c_str(), nullptr));
  rows.doubles(key, values);
}

}  // namespace

void write_frames_group(hid_t file, MPI_Comm comm, const std::vector<Frame>& local_frames,
                        long long first_global, long long total_frames) {
  hdf5::Handle group = hdf5::require_group(file, "frames");
  const Rows rows{group, comm, static_cast<hsize_t>(total_frames), static_cast<hsize_t>(first_global),
                  static_cast<hsize_t>(local_frames.size())};
  std::vector<std::string> source_file;
  std::vector<long long> source_index, n_atoms;
  std::vector<double> energy, energy_per_atom;
  for (const Frame& frame : local_frames) {
    source_file.push_back(frame.source_file);
    source_index.push_back(frame.source_index);
    n_atoms.push_back(static_cast<long long>(frame.n_atoms()));
    energy.push_back(frame.energy.value_or(missing));
    energy_per_atom.push_back(frame.energy.value_or(missing) / static_cast<double>(frame.n_atoms()));
  }
  rows.strings("source_file", source_file);
  rows.integers("source_index", source_index);
  rows.integers("n_atoms", n_atoms);
  rows.doubles("energy", energy);
  rows.doubles("energy_per_atom", energy_per_atom);
  hdf5::write_string_attribute(hdf5::Handle(H5Dopen2(group, "energy", H5P_DEFAULT)), "units", "eV");
  hdf5::write_string_attribute(hdf5::Handle(H5Dopen2(group, "energy_per_atom", H5P_DEFAULT)), "units", "eV/atom");

  hdf5::Handle labels = hdf5::require_group(group, "labels");
  const Rows label_rows{labels, comm, rows.total, rows.first, rows.count};
  for (const std::string& key : all_label_keys(local_frames, comm)) write_label(label_rows, key, local_frames);
}

}  // namespace hykal::io
