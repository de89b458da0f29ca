// `hykal kernels`: descriptors → the normalised SOAP and Coulomb kernels (METHOD.md §1–§2), into
// /frames, /descriptors and /kernels of the results file.
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/descriptor_stage.hpp"
#include "hykal/app/kernel_stage.hpp"
#include "hykal/app/stored_kernels.hpp"
#include "hykal/app/timers_group.hpp"
#include "hykal/io/frames_group.hpp"
#include "hykal/io/results_file.hpp"
#include "hykal/version.hpp"

namespace hykal::app {

void run_kernels(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, false);
  const ClusteredFrames clustered = select_clustered_frames(context, data);
  const LocalDescriptors descriptors = compute_descriptors(context, data);
  const parallel::BlacsGrid grid(context.comm, grid_shape(context.configuration, context.comm));
  const std::string signature = kernel_settings_signature(context.configuration, data.index);
  const KernelMatrices matrices = stored_or_built_kernels(context, descriptors, clustered, grid, signature);

  const std::string path = context.configuration.text("output.results");
  auto timer = context.timers.scope("write results");
  io::ResultsFile results(path, context.comm);
  results.write_run_attributes(version, git_hash, context.configuration.effective_ini());
  io::write_frames_group(results.id(), context.comm, data.frames, data.first_frame, data.index.n_frames());
  write_descriptors_group(results.id(), data, descriptors, context.configuration);
  write_kernels_group(results.id(), matrices, clustered, signature, context.comm);
  write_timers_group(results.id(), context.comm, context.timers.summarise(context.comm));
  results.commit();
  context.logger.info("wrote " + path + ": /frames, /descriptors, /kernels");
}

}  // namespace hykal::app
