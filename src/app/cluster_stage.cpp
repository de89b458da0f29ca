#include "hykal/app/cluster_stage.hpp"

#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/stored_clustering.hpp"
#include "hykal/app/stored_kernels.hpp"
#include "hykal/io/hdf5.hpp"
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

ClusterStage run_cluster_stage(RunContext& context, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered,
                               const parallel::BlacsGrid& grid) {
  const ClusterStageSettings& settings = context.settings.clustering;
  std::vector<double> energy_per_atom = kernels::energy_per_atom_of_rows(data, clustered, context.comm);
  clustering::SpectralClusteringOptions options;
  parallel::agree_on_input_errors(context.comm, [&] {
    options = clustering_options(settings, static_cast<int>(clustered.frame_of_row.size()));
  });
  context.logger.info("process grid " + std::to_string(grid.nprow()) + " × " + std::to_string(grid.npcol()));
  std::string signature = kernel_settings_signature(context.configuration, data.index);
  DescriptorsAndKernels computed = descriptors_and_kernels(context, data, clustered, grid, signature);
  ClusterStage stage{std::move(computed.descriptors), std::move(computed.matrices), std::move(signature),
                     std::move(energy_per_atom), {}, {}};

  {
    auto timer = context.timers.scope("spectral clustering (δ scan)");
    stage.scan = clustering::scan_deltas(stage.matrices.soap, stage.matrices.coulomb, settings.deltas, stage.energy_per_atom,
                                         options, [&](const clustering::DeltaResult& r) { context.logger.info(scan_progress(r)); });
  }
  context.logger.info("δ scan (σ: population standard deviation of E/N_atoms within a cluster):\n" + delta_scan_table(stage.scan));

  {
    auto timer = context.timers.scope("MDS map");
    // D is formed twice (elementwise, cheap) so that the eigensolve holds no copy of it (memory:
    // docs/performance-model.md).
    const auto hybrid_distance = [&] {
      const double delta = stage.scan.results[stage.scan.chosen].delta;
      return kernels::kernel_distance(kernels::hybrid_kernel(stage.matrices.soap, stage.matrices.coulomb, delta));
    };
    stage.map.coordinates = clustering::classical_mds_coordinates(hybrid_distance(), options.eigensolver);
    const parallel::DistributedMatrix distance = hybrid_distance();
    stage.map.stress = clustering::kruskal_stress(distance, stage.map.coordinates);
    if (settings.map_method == "smacof") stage.map = clustering::smacof_refine(distance, stage.map);
    char text[120];
    std::snprintf(text, sizeof text, "MDS map (%s): Kruskal stress-1 %.4f", settings.map_method.c_str(), stage.map.stress);
    context.logger.info(text);
  }
  return stage;
}

void write_cluster_stage(hid_t file, RunContext& context, const io::LocalFrames& data,
                         const kernels::ClusteredFrames& clustered, const ClusterStage& stage) {
  write_descriptors_group(file, data, stage.descriptors, context.settings.descriptors);
  write_kernels_group(file, stage.matrices, clustered, stage.kernel_signature, context.comm);
  write_clustering_group(file, stage.scan, clustered, data.index.n_frames(), context.comm);
  io::hdf5::Handle group(H5Gopen2(file, "clustering", H5P_DEFAULT));
  io::hdf5::write_string_attribute(group, "settings", clustering_settings_signature(context.configuration, data.index));
  write_map_group(file, stage.map, context.settings.clustering.map_method, clustered, data.index.n_frames(), context.comm);
}

std::string chosen_clustering_text(const clustering::DeltaScan& scan) {
  const auto& chosen = scan.results[scan.chosen];
  char summary[200];
  std::snprintf(summary, sizeof summary, "chosen δ = %.2f with %d clusters, ⟨σ⟩_E = %.4f meV/atom", chosen.delta,
                chosen.clustering.n_clusters, chosen.spread.mean);
  return summary;
}

}  // namespace hykal::app
