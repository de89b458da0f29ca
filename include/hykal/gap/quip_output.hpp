#pragma once
// What QUIP's quip computed, read back from its standard output. quip logs free text there and
// writes every structure it evaluated as extended XYZ with each line prefixed "AT ", its results
// under the keys energy (eV), force (eV/Å, per atom) and virial (eV, 9 numbers) — the names it
// would overwrite if the input carried reference values under them, which is why the backend
// gives quip frames without any (quip_backend.cpp).
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/io/frame.hpp"

#include <string>
#include <vector>

namespace hykal::gap {

// Copies the AT lines of stdout_path (prefix removed) to xyz_path, reads them and matches them
// one to one, in order, to the frames quip was given. InputError naming the file (and line) when
// a frame is missing, its atoms differ, a result is missing, or a number is not finite.
std::vector<Prediction> read_quip_output(const std::string& stdout_path, const std::string& xyz_path,
                                         const std::vector<io::Frame>& frames);

}  // namespace hykal::gap
