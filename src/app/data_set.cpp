#include "hykal/app/data_set.hpp"

#include "hykal/error.hpp"
#include "hykal/io/path_expansion.hpp"
#include "hykal/parallel/collective_error.hpp"

namespace hykal::app {

io::LocalFrames load_data_set(RunContext& context, bool require_energy, Outputs outputs) {
  const DataSettings& settings = context.settings.data;
  std::vector<std::string> paths;
  parallel::agree_on_input_errors(context.comm, [&] {
    const std::vector<std::string>& patterns = settings.patterns;
    if (patterns.empty())
      throw InputError("option data.files: no data given (set [data] files = … in the configuration, "
                       "or --data.files=PATH)");
    paths = io::expand_paths(patterns);
  });
  check_output_paths(context, outputs, paths);
  io::ReadOptions options = settings.read;
  options.require_energy = require_energy;

  auto timer = context.timers.scope("read frames");
  context.logger.info("reading " + std::to_string(paths.size()) + " file(s)");
  io::LocalFrames frames = io::read_distributed(paths, options, context.comm);
  context.logger.info("read " + std::to_string(frames.index.n_frames()) + " frames, " +
                      std::to_string(frames.index.n_atoms_total()) + " atoms");
  return frames;
}

}  // namespace hykal::app
