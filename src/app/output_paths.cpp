#include "hykal/app/output_paths.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <unistd.h>

#include <filesystem>

namespace hykal::app {
namespace {

namespace fs = std::filesystem;

fs::path directory_of(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// The directory a new file or directory `path` would be created in must exist and be writable.
void check_creatable(const std::string& key, const fs::path& path) {
  const fs::path directory = directory_of(path);
  if (!fs::exists(directory))
    throw InputError("option " + key + ": the directory " + directory.string() + " does not exist");
  if (!fs::is_directory(directory))
    throw InputError("option " + key + ": " + directory.string() + " is not a directory");
  if (access(directory.c_str(), W_OK | X_OK) != 0)
    throw InputError("option " + key + ": cannot write in " + directory.string());
}

void check_new_file(const std::string& key, const std::string& path, const std::vector<std::string>& data_paths) {
  if (fs::is_directory(path)) throw InputError("option " + key + ": " + path + " is a directory");
  check_creatable(key, path);
  std::error_code ignored;
  for (const std::string& data : data_paths)
    if (fs::exists(path) && fs::equivalent(path, data, ignored))
      throw InputError("option " + key + ": " + path + " is the data file " + data + "; refusing to overwrite it");
}

void check_figures_path(const std::string& path) {
  const std::string key = "output.figures";
  if (fs::exists(path) && !fs::is_directory(path))
    throw InputError("option " + key + ": " + path + " exists and is not a directory");
  if (!fs::exists(path)) check_creatable(key, path);
}

// <results>.tmp-… files beside the results path: left by a run that was killed (SIGKILL,
// node failure) before it could remove them.
std::vector<std::string> stale_temporary_files(const std::string& results) {
  const fs::path path(results);
  const std::string prefix = path.filename().string() + ".tmp-";
  std::vector<std::string> stale;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory_of(path), error))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) stale.push_back(entry.path().string());
  return stale;
}

}  // namespace

void check_output_paths(RunContext& context, Outputs outputs, const std::vector<std::string>& data_paths) {
  if (outputs == Outputs::none) return;
  const OutputSettings& settings = context.settings.output;
  parallel::agree_on_input_errors(context.comm, [&] {
    if (!context.logger.is_root()) return;
    if (outputs != Outputs::figures) check_new_file("output.results", settings.results, data_paths);
    if (outputs != Outputs::results) check_figures_path(settings.figures);
  });
  if (outputs == Outputs::figures) return;
  for (const std::string& stale : stale_temporary_files(settings.results))
    context.logger.warning("stale temporary file of an interrupted earlier run: " + stale + " (safe to delete)");
}

void check_output_file(RunContext& context, const std::string& key, const std::string& path,
                       const std::vector<std::string>& data_paths) {
  parallel::agree_on_input_errors(context.comm, [&] {
    if (!context.logger.is_root()) return;
    if (path.empty()) throw InputError("option " + key + ": no file name given");
    check_new_file(key, path, data_paths);
  });
}

}  // namespace hykal::app
