#include "test_paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace hykal::test {
namespace {

std::string from_environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string("environment variable ") + name +
                             " is not set: run the tests through ctest");
  return value;
}

std::string existing(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw std::runtime_error("reference file missing: " + path);
  return path;
}

}  // namespace

std::string shared_dir() { return from_environment("HYKAL_SHARED_DIR"); }
std::string source_dir() { return from_environment("HYKAL_SOURCE_DIR"); }
std::string hykal_executable() { return from_environment("HYKAL_EXECUTABLE"); }
std::string fixture(const std::string& relative) { return existing(shared_dir() + "/fixtures/" + relative); }
std::string dataset(const std::string& relative) { return existing(shared_dir() + "/data/" + relative); }

}  // namespace hykal::test
