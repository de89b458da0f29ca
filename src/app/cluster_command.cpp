// `hykal cluster`: descriptors → kernels → δ scan of spectral clustering with automatic N_c →
// MDS map (METHOD.md §1–§5), into /frames, /descriptors, /kernels, /clustering, /map, /timers of
// the results file, plus the table on rank 0 and the SVG figures.
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/cluster_stage.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/results_writer.hpp"

namespace hykal::app {

void run_cluster(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, true, Outputs::results_and_figures);
  const kernels::ClusteredFrames clustered = select_clustered_frames(context, data);
  const parallel::BlacsGrid grid(context.comm, grid_shape(context.settings.parallel, context.comm, context.logger));
  const ClusterStage stage = run_cluster_stage(context, data, clustered, grid);
  write_results(context, data, [&](hid_t file) { write_cluster_stage(file, context, data, clustered, stage); });
  write_cluster_figures(context, data, clustered, stage.energy_per_atom, stage.scan, stage.map);
  context.logger.info(chosen_clustering_text(stage.scan));
}

}  // namespace hykal::app
