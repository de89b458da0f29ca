#pragma once
// Where tests find the reference data, the source tree and the hykal program. The paths come
// from the environment that ctest sets (tests/CMakeLists.txt); a missing path fails the test
// rather than skipping it.
#include <string>

namespace hykal::test {

std::string shared_dir();      // ../shared: data/ and fixtures/
std::string source_dir();      // the repository
std::string hykal_executable();
std::string fixture(const std::string& relative);  // shared_dir()/fixtures/<relative>, must exist
std::string dataset(const std::string& relative);  // shared_dir()/data/<relative>, must exist

}  // namespace hykal::test
