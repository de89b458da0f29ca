#pragma once
// Extended XYZ as ASE and QUIP write it (see docs/input-format.md).
#include "hykal/io/frame.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hykal::io {

struct ReadOptions {
  std::string energy_key = "auto";  // auto: energy, free_energy, dft_energy, REF_energy, …
  std::string forces_key = "auto";  // auto: forces, force
  std::string virial_key = "auto";  // auto: virial, else stress converted to virial
  bool require_energy = false;      // a frame without energy is then an InputError
};

// Every frame of one file, read serially: for small files and tests. The distributed path for
// large data sets is in frame_index.hpp.
std::vector<Frame> read_extxyz(const std::string& path, const ReadOptions& options = {});

// The same for text already in memory; `name` stands for the file in error messages.
std::vector<Frame> read_extxyz_text(std::string_view text, const std::string& name, const ReadOptions& options = {});

}  // namespace hykal::io
