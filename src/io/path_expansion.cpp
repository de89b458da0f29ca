#include "hykal/io/path_expansion.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <glob.h>

namespace hykal::io {
namespace {

std::vector<std::string> glob_one(const std::string& pattern) {
  // An existing file is taken as named, so a name with glob characters or spaces always works.
  if (std::filesystem::is_regular_file(pattern)) return {pattern};
  glob_t matches{};
  const int status = ::glob(pattern.c_str(), GLOB_ERR, nullptr, &matches);
  std::vector<std::string> paths;
  if (status == 0)
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
  ::globfree(&matches);
  if (status == GLOB_NOMATCH || (status == 0 && paths.empty()))
    throw InputError("data files: \"" + pattern + "\" matches no file");
  if (status != 0) throw InputError("data files: \"" + pattern + "\": a directory could not be read while expanding");
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

std::vector<std::string> expand_paths(const std::vector<std::string>& patterns) {
  std::vector<std::string> paths;
  std::set<std::string> seen;
  for (const std::string& pattern : patterns)
    for (std::string& path : glob_one(pattern))
      if (seen.insert(path).second) paths.push_back(std::move(path));
  return paths;
}

}  // namespace hykal::io
