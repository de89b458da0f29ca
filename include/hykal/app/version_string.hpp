#pragma once
#include <string>

namespace hykal::app {

// "hykal 0.1.0 (git abc123)": for --version, the start banner and the results file.
std::string version_string();

}  // namespace hykal::app
