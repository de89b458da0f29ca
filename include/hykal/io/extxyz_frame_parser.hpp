#pragma once
// Parsing of one extended XYZ frame (ASE/QUIP conventions, docs/input-format.md) from its text,
// once the index has found where it lies.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame.hpp"
#include "hykal/io/frame_index.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hykal::io {

// `text` starts at the frame's atom-count line and holds at least its comment line and
// location.n_atoms atom lines. Throws hykal::InputError naming path, line, frame and field for
// every value that cannot be used.
Frame parse_extxyz_frame(std::string_view text, const FrameLocation& location, const std::string& path,
                         const ReadOptions& options);

// The energy keys tried, in order, when ReadOptions::energy_key is "auto".
const std::vector<std::string>& auto_energy_keys();

}  // namespace hykal::io
