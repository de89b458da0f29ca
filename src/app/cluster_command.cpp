// `hykal cluster`: descriptors → kernels → δ scan of spectral clustering with automatic N_c →
// MDS map (METHOD.md §1–§5), into /frames, /descriptors, /kernels, /clustering, /map, /timers of
// the results file, plus the table on rank 0 and the SVG figures.
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/results_writer.hpp"
#include "hykal/app/stored_kernels.hpp"
#include "hykal/clustering/label_assignment.hpp"
#include "hykal/kernels/hybrid_kernel.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <cstdio>

namespace hykal::app {
namespace {

std::string scan_progress(const clustering::DeltaResult& result) {
  char text[160];
  std::snprintf(text, sizeof text, "δ = %.2f: %d clusters%s, ⟨σ⟩_E = %.4f meV/atom", result.delta,
                result.clustering.n_clusters, result.clustering.tolerance_met ? "" : " (d_tol not met: max_clusters)",
                result.spread.mean);
  return text;
}

}  // namespace

void run_cluster(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, true, Outputs::results_and_figures);
  const kernels::ClusteredFrames clustered = select_clustered_frames(context, data);
  const std::vector<double> energy_per_atom = kernels::energy_per_atom_of_rows(data, clustered, context.comm);
  const ClusterStageSettings& settings = context.settings.clustering;
  clustering::SpectralClusteringOptions options;
  parallel::agree_on_input_errors(context.comm, [&] {
    options = clustering_options(settings, static_cast<int>(clustered.frame_of_row.size()));
  });

  const parallel::BlacsGrid grid(context.comm, grid_shape(context.settings.parallel, context.comm, context.logger));
  context.logger.info("process grid " + std::to_string(grid.nprow()) + " × " + std::to_string(grid.npcol()));
  const std::string signature = kernel_settings_signature(context.configuration, data.index);
  const DescriptorsAndKernels computed = descriptors_and_kernels(context, data, clustered, grid, signature);
  const descriptors::LocalDescriptors& descriptors = computed.descriptors;
  const kernels::KernelMatrices& matrices = computed.matrices;

  clustering::DeltaScan scan;
  {
    auto timer = context.timers.scope("spectral clustering (δ scan)");
    scan = clustering::scan_deltas(matrices.soap, matrices.coulomb, settings.deltas, energy_per_atom, options,
                                   [&](const clustering::DeltaResult& r) { context.logger.info(scan_progress(r)); });
  }
  context.logger.info("δ scan (σ: population standard deviation of E/N_atoms within a cluster):\n" + delta_scan_table(scan));

  clustering::MdsMap map;
  {
    auto timer = context.timers.scope("MDS map");
    // D is formed twice (elementwise, cheap) so that the eigensolve holds no copy of it (memory:
    // docs/performance-model.md).
    const auto hybrid_distance = [&] {
      return kernels::kernel_distance(kernels::hybrid_kernel(matrices.soap, matrices.coulomb, scan.results[scan.chosen].delta));
    };
    map.coordinates = clustering::classical_mds_coordinates(hybrid_distance(), options.eigensolver);
    const parallel::DistributedMatrix distance = hybrid_distance();
    map.stress = clustering::kruskal_stress(distance, map.coordinates);
    if (settings.map_method == "smacof") map = clustering::smacof_refine(distance, map);
    char text[120];
    std::snprintf(text, sizeof text, "MDS map (%s): Kruskal stress-1 %.4f", settings.map_method.c_str(), map.stress);
    context.logger.info(text);
  }

  write_results(context, data, [&](hid_t file) {
    write_descriptors_group(file, data, descriptors, context.settings.descriptors);
    write_kernels_group(file, matrices, clustered, signature, context.comm);
    write_clustering_group(file, scan, clustered, data.index.n_frames(), context.comm);
    write_map_group(file, map, settings.map_method, clustered, data.index.n_frames(), context.comm);
  });
  write_cluster_figures(context, data, clustered, energy_per_atom, scan, map);
  const auto& chosen = scan.results[scan.chosen];
  char summary[200];
  std::snprintf(summary, sizeof summary, "chosen δ = %.2f with %d clusters, ⟨σ⟩_E = %.4f meV/atom",
                chosen.delta, chosen.clustering.n_clusters, chosen.spread.mean);
  context.logger.info(summary);
}

}  // namespace hykal::app
