#include "hykal/app/version_string.hpp"

#include "hykal/version.hpp"

namespace hykal::app {

std::string version_string() { return std::string("hykal ") + version + " (git " + git_hash + ", SIMD " + simd_level + ")"; }

}  // namespace hykal::app
