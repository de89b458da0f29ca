#pragma once
// One configuration of an MD trajectory, in hykal's units (Å, eV, eV/Å; virial in eV).
#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hykal::io {

// Row-major n × 3 so that atom i's coordinates are contiguous (positions.row(i)).
using AtomVectors = Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor>;

struct Frame {
  std::vector<int> atomic_numbers;
  AtomVectors positions;                 // Å, as given in the file (never wrapped)
  Eigen::Matrix3d cell = Eigen::Matrix3d::Zero();  // rows are the cell vectors a, b, c (Å)
  std::array<bool, 3> pbc{false, false, false};
  std::optional<double> energy;          // total energy, eV
  AtomVectors forces;                    // eV/Å; 0 rows when the file has none
  std::optional<Eigen::Matrix3d> virial; // eV
  std::map<std::string, std::string> labels;  // other per-frame keys (temperature, config_type…)
  std::string source_file;
  std::int64_t source_index = 0;         // frame number within source_file, from 0

  std::size_t n_atoms() const { return atomic_numbers.size(); }
  bool has_cell() const { return cell.cwiseAbs().sum() > 0.0; }
  bool has_forces() const { return forces.rows() > 0; }
};

}  // namespace hykal::io
