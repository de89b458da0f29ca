#include "hykal/gap/private_directory.hpp"

#include "hykal/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace hykal::gap {

PrivateDirectory::PrivateDirectory() {
  std::error_code error;
  const std::filesystem::path base = std::filesystem::temp_directory_path(error);
  const std::string pattern = (error ? std::filesystem::path("/tmp") : base).string() + "/hykal-quip-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr)
    throw InputError(pattern + ": cannot create a temporary directory for QUIP's programs (" + std::strerror(errno) +
                     "; set TMPDIR to a writable directory)");
  path_ = name.data();
}

PrivateDirectory::~PrivateDirectory() {
  std::error_code ignored;  // a destructor must not throw; a leftover directory is harmless
  std::filesystem::remove_all(path_, ignored);
}

std::string PrivateDirectory::write_file(const std::string& name, const std::string& text) const {
  const std::string path = path_ + "/" + name;
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw InputError(path + ": cannot write (disk full?)");
  return path;
}

}  // namespace hykal::gap
