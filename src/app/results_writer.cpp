#include "hykal/app/results_writer.hpp"

#include "hykal/app/timers_group.hpp"
#include "hykal/io/frames_group.hpp"
#include "hykal/io/results_file.hpp"
#include "hykal/version.hpp"

namespace hykal::app {

void write_results(RunContext& context, const io::LocalFrames& data, const std::function<void(hid_t file)>& write_groups) {
  const std::string& path = context.settings.output.results;
  {
    auto timer = context.timers.scope("write results");
    io::ResultsFile results(path, context.comm);
    results.write_run_attributes(version, git_hash, context.configuration.effective_ini());
    io::write_frames_group(results.id(), context.comm, data.frames, data.first_frame, data.index.n_frames());
    write_groups(results.id());
    write_timers_group(results.id(), context.comm, context.timers.summarise(context.comm));
    results.commit();
  }
  context.logger.info("results written to " + path);
}

}  // namespace hykal::app
