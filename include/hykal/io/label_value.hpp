#pragma once
// Per-frame labels (temperature, config_type, …) are kept as the text of the input file; the
// results file, `info` and the figures treat a label as numeric when every value parses whole.
#include <string>

namespace hykal::io {

// True when the whole text is one number as strtod reads it ("1000", "2.5e3"); false for "".
bool is_numeric_label(const std::string& value);

}  // namespace hykal::io
