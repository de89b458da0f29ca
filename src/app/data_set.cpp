#include "hykal/app/data_set.hpp"

#include "hykal/error.hpp"
#include "hykal/io/path_expansion.hpp"
#include "hykal/parallel/collective_error.hpp"

namespace hykal::app {

std::vector<std::string> expanded_paths(RunContext& context, const std::string& key,
                                        const std::vector<std::string>& patterns) {
  std::vector<std::string> paths;
  parallel::agree_on_input_errors(context.comm, [&] {
    if (patterns.empty()) {
      const std::size_t dot = key.find('.');
      throw InputError("option " + key + ": no data given (set [" + key.substr(0, dot) + "] " + key.substr(dot + 1) +
                       " = … in the configuration, or --" + key + "=PATH)");
    }
    paths = io::expand_paths(patterns);
  });
  return paths;
}

io::LocalFrames read_frames(RunContext& context, const std::vector<std::string>& paths, bool require_energy,
                            const std::string& what) {
  io::ReadOptions options = context.settings.data.read;
  options.require_energy = require_energy;
  auto timer = context.timers.scope(what);
  context.logger.info(what + ": " + std::to_string(paths.size()) + " file(s)");
  io::LocalFrames frames = io::read_distributed(paths, options, context.comm);
  context.logger.info("read " + std::to_string(frames.index.n_frames()) + " frames, " +
                      std::to_string(frames.index.n_atoms_total()) + " atoms");
  return frames;
}

io::LocalFrames load_data_set(RunContext& context, bool require_energy, Outputs outputs) {
  const std::vector<std::string> paths = expanded_paths(context, "data.files", context.settings.data.patterns);
  check_output_paths(context, outputs, paths);
  return read_frames(context, paths, require_energy, "read frames");
}

}  // namespace hykal::app
