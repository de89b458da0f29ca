// `hykal descriptors`: SOAP and Coulomb descriptors of every frame (METHOD.md §1), into
// /frames and /descriptors of the results file.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/descriptor_stage.hpp"
#include "hykal/app/timers_group.hpp"
#include "hykal/io/frames_group.hpp"
#include "hykal/io/results_file.hpp"
#include "hykal/version.hpp"

namespace hykal::app {

void run_descriptors(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, false);
  const LocalDescriptors descriptors = compute_descriptors(context, data);

  const std::string path = context.configuration.text("output.results");
  {
    auto timer = context.timers.scope("write results");
    io::ResultsFile results(path, context.comm);
    results.write_run_attributes(version, git_hash, context.configuration.effective_ini());
    io::write_frames_group(results.id(), context.comm, data.frames, data.first_frame, data.index.n_frames());
    write_descriptors_group(results.id(), data, descriptors, context.configuration);
    write_timers_group(results.id(), context.comm, context.timers.summarise(context.comm));
    results.commit();
  }
  context.logger.info("wrote " + path + ": /frames, /descriptors");
}

}  // namespace hykal::app
