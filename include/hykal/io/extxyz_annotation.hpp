#pragma once
// New values added to a frame's extended XYZ text as it stands in its file, everything already
// there kept: the comment line is written back from its entries (same keys, same value text,
// quoted where needed) with the new per-frame keys appended and the Properties extended by the
// new per-atom columns, and every atom line gets its new columns at the end. This is how
// `hykal predict` writes gap_energy, gap_forces and gap_virial beside the reference values
// without touching them, and keeps per-atom columns hykal itself does not read.
#include "hykal/io/extxyz_text.hpp"
#include "hykal/io/frame.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hykal::io {

struct AddedValues {
  std::vector<std::pair<std::string, std::vector<double>>> per_frame;  // key, numbers (9 for a 3×3 matrix)
  std::vector<std::pair<std::string, AtomVectors>> per_atom;           // column name, n_atoms × 3 (R:3)
};

// frame_text: one whole frame (count line, comment line, atom lines) as read from its file;
// place names it for messages. InputError when the frame already has one of the new keys or
// columns, or is not a well-formed frame.
std::string annotated_frame_text(std::string_view frame_text, const TextPlace& place, const AddedValues& added);

}  // namespace hykal::io
