#pragma once
// The normalised SOAP and Coulomb kernels (METHOD.md §2) over the clustered frames, from what the
// descriptor stage computes: what the kernel stage hands the clustering, as distributed matrices
// whose row m is clustered frame m.
//
// Memory (issue 10, docs/performance-model.md): FrameKernelInputs takes of each frame's
// descriptors, as the descriptor stage computes them (descriptors::DescriptorRetention::visit),
// only what a kernel needs, for the clustered frames only, copied once into place:
//  - Coulomb: the kernel's rows (local_features.hpp: the n_atoms_max rows of each matrix, or one
//    row per frame in the global form);
//  - SOAP, mean-descriptor form: each frame's mean row (METHOD.md Eq. 9);
//  - SOAP, average-pairwise form, projection off: every atom's row;
//  - SOAP, average-pairwise form, exact projection: only the projection's statistics
//    (soap_projection.hpp); the rows are computed again once the subspace is known, and only
//    their r-column projection is kept, never the p-column rows of every atom at once.
// Each kernel frees its rows once it is built.
#include "hykal/kernels/clustered_frames.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/kernels/soap_projection.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <vector>

namespace hykal::kernels {

struct KernelMatrices {
  parallel::DistributedMatrix soap;
  parallel::DistributedMatrix coulomb;
};

class FrameKernelInputs {
 public:
  // atoms_of_local_frame: the atom count of every local frame, clustered or not.
  FrameKernelInputs(const SoapKernelSettings& soap, const CoulombKernelSettings& coulomb,
                    const ClusteredFrames& clustered, const std::vector<std::int64_t>& atoms_of_local_frame);

  // Local frame f's per-atom SOAP rows and flattened Coulomb matrix (CoulombMatrix::compute),
  // frames in local order; frames that are not clustered are ignored.
  void add(std::size_t f, const FeatureRows& soap_atoms, const Eigen::VectorXd& coulomb);

  // Collective over grid: the normalised SOAP kernel. soap_atoms_again passes over the clustered
  // local frames' per-atom rows once more (frame k: the k-th clustered local frame); it is called
  // only by the exact projection. `projection`, when given, receives the rank kept.
  parallel::DistributedMatrix soap_kernel(const PerAtomRows& soap_atoms_again, const parallel::BlacsGrid& grid,
                                          const AverageKernelOptions& options, ProjectionSummary* projection = nullptr);

  // Collective over grid: the normalised Coulomb kernel.
  parallel::DistributedMatrix coulomb_kernel(const parallel::BlacsGrid& grid, const AverageKernelOptions& options);

 private:
  LocalFeatures empty_rows() const;

  SoapKernelSettings soap_settings_;
  CoulombKernelSettings coulomb_settings_;
  std::vector<bool> clustered_;
  std::vector<std::int64_t> soap_offsets_;  // of the clustered frames' per-atom rows
  std::int64_t first_row_;
  std::int64_t next_frame_ = 0;             // clustered local frames added so far
  LocalFeatures soap_rows_;                 // per-atom rows (projection off) or frame means
  std::optional<SubspaceStatistics> soap_statistics_;  // exact projection
  LocalFeatures coulomb_rows_;
};

}  // namespace hykal::kernels
