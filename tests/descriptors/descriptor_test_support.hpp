#pragma once
// Helpers shared by the descriptor tests: fixture structures and the relative error measure of
// the issue (max |diff| / max |ref|).
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame.hpp"
#include "test_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace hykal::test {

// The four structures the DScribe fixtures were computed from (fixtures/README.md).
inline const std::vector<std::string>& dscribe_structures() {
  static const std::vector<std::string> names = {"si_diamond_64", "teo2_fluorite_96",
                                                 "aste3_triclinic_64", "te2o4_molecule"};
  return names;
}

inline io::Frame fixture_structure(const std::string& name) {
  return io::read_extxyz(fixture("structures/" + name + ".xyz")).at(0);
}

// max_i |ours_i - reference_i| / max_i |reference_i|; sizes must match.
inline double relative_error(const double* ours, const double* reference, std::size_t size) {
  double difference = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < size; ++i) {
    difference = std::max(difference, std::abs(ours[i] - reference[i]));
    scale = std::max(scale, std::abs(reference[i]));
  }
  return difference / scale;
}

// The distinct atomic numbers of a frame, as the fixtures' species lists (elements present).
inline std::vector<int> species_present(const io::Frame& frame) {
  std::vector<int> z = frame.atomic_numbers;
  std::sort(z.begin(), z.end());
  z.erase(std::unique(z.begin(), z.end()), z.end());
  return z;
}

}  // namespace hykal::test
