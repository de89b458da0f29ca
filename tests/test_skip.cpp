#include "test_skip.hpp"

namespace hykal::test {

namespace {
std::string& reasons() {
  static std::string text;
  return text;
}
}  // namespace

void skip(const std::string& reason) { reasons() += (reasons().empty() ? "" : "; ") + reason; }

const std::string& skip_reasons() { return reasons(); }

}  // namespace hykal::test
