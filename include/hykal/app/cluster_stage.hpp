#pragma once
// Stages 2–5 of the pipeline (METHOD.md §1–§5) as `cluster`, `learn` and `run` run them:
// descriptors → kernels (reused from the results file when their signature matches) → δ scan of
// spectral clustering with automatic N_c → MDS map of the chosen δ, timed, with progress on rank 0.
#include "hykal/app/kernel_stage.hpp"
#include "hykal/clustering/delta_scan.hpp"
#include "hykal/clustering/mds_map.hpp"
#include "hykal/descriptors/local_descriptors.hpp"

#include <hdf5.h>

#include <string>
#include <vector>

namespace hykal::app {

struct ClusterStage {
  descriptors::LocalDescriptors descriptors;
  kernels::KernelMatrices matrices;     // on the grid given to run_cluster_stage
  std::string kernel_signature;         // stored_kernels.hpp
  std::vector<double> energy_per_atom;  // eV/atom of each clustered frame, in kernel row order
  clustering::DeltaScan scan;
  clustering::MdsMap map;
};

// Collective over grid (of context.comm).
ClusterStage run_cluster_stage(RunContext& context, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered,
                               const parallel::BlacsGrid& grid);

// Collective: /descriptors, /kernels, /clustering (with its settings signature) and /map.
void write_cluster_stage(hid_t file, RunContext& context, const io::LocalFrames& data,
                         const kernels::ClusteredFrames& clustered, const ClusterStage& stage);

// "chosen δ = … with … clusters, ⟨σ⟩_E = … meV/atom"
std::string chosen_clustering_text(const clustering::DeltaScan& scan);

}  // namespace hykal::app
