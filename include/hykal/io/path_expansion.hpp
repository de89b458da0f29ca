#pragma once
// The [data] files option: paths and shell-style globs turned into a list of files.
#include <string>
#include <vector>

namespace hykal::io {

// Each pattern expanded with glob(3), its matches sorted; patterns keep their order and a file
// named twice is kept once (first place), so the global frame order is deterministic. A
// pattern that matches nothing is a hykal::InputError naming it.
std::vector<std::string> expand_paths(const std::vector<std::string>& patterns);

}  // namespace hykal::io
