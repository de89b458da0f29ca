#include "hykal/io/label_value.hpp"

#include <cstdlib>

namespace hykal::io {

bool is_numeric_label(const std::string& value) {
  if (value.empty()) return false;
  char* end = nullptr;
  std::strtod(value.c_str(), &end);
  return end == value.c_str() + value.size();
}

}  // namespace hykal::io
