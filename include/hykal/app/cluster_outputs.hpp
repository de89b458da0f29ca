#pragma once
// What `hykal cluster` leaves behind (INTERFACE.md): the /kernels, /clustering and /map groups of
// the results file, the table printed on rank 0, and the SVG figures.
#include "hykal/app/commands.hpp"
#include "hykal/app/kernel_stage.hpp"
#include "hykal/clustering/delta_scan.hpp"
#include "hykal/clustering/mds_map.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <hdf5.h>

namespace hykal::app {

// The δ scan as a table with units: δ, N_c, ⟨σ⟩_E, max σ_s, ⟨d⟩, chosen.
std::string delta_scan_table(const clustering::DeltaScan& scan);

// The chosen δ's cluster of every frame (−1: not clustered), as /clustering/chosen/labels holds it.
std::vector<long long> chosen_labels_of_frames(const clustering::DeltaScan& scan, const kernels::ClusteredFrames& clustered,
                                               std::int64_t n_frames);

// Collective.
// `signature` (stored_kernels.hpp) is kept with the kernels so that a later run can reuse them.
void write_kernels_group(hid_t file, const kernels::KernelMatrices& matrices, const kernels::ClusteredFrames& clustered,
                         const std::string& signature, MPI_Comm comm);
void write_clustering_group(hid_t file, const clustering::DeltaScan& scan, const kernels::ClusteredFrames& clustered,
                            std::int64_t n_frames, MPI_Comm comm);
void write_map_group(hid_t file, const clustering::MdsMap& map, const std::string& method,
                     const kernels::ClusteredFrames& clustered, std::int64_t n_frames, MPI_Comm comm);

// Collective (labels are gathered); rank 0 writes the figures into output.figures.
// energy_per_atom: eV/atom of each clustered frame, in row order.
void write_cluster_figures(RunContext& context, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered,
                           const std::vector<double>& energy_per_atom, const clustering::DeltaScan& scan,
                           const clustering::MdsMap& map);

}  // namespace hykal::app
