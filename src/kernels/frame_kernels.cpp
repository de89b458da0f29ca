#include "hykal/kernels/frame_kernels.hpp"

namespace hykal::kernels {
namespace {

// Rows of `matrix` for the clustered local frames, each frame's rows [offsets[f], offsets[f+1]).
LocalFeatures clustered_rows(const descriptors::DescriptorMatrix& matrix, const std::vector<std::int64_t>& offsets,
                             const ClusteredFrames& clustered) {
  std::vector<FeatureRows> blocks;
  for (std::size_t f = 0; f + 1 < offsets.size(); ++f)
    if (clustered.local[f]) blocks.push_back(matrix.middleRows(offsets[f], offsets[f + 1] - offsets[f]));
  if (blocks.empty()) {
    LocalFeatures none;
    none.first_frame = clustered.first_row;
    return none;
  }
  return stack_frames(blocks, clustered.first_row);
}

std::vector<Eigen::VectorXd> clustered_coulomb(const descriptors::LocalDescriptors& descriptors,
                                               const ClusteredFrames& clustered) {
  std::vector<Eigen::VectorXd> matrices;
  for (std::size_t f = 0; f < clustered.local.size(); ++f)
    if (clustered.local[f]) matrices.push_back(descriptors.coulomb.row(static_cast<Eigen::Index>(f)).transpose());
  return matrices;
}

}  // namespace

parallel::DistributedMatrix soap_kernel_of_frames(const descriptors::LocalDescriptors& descriptors,
                                                  const ClusteredFrames& clustered, const SoapKernelSettings& settings,
                                                  const parallel::BlacsGrid& grid, const AverageKernelOptions& options) {
  return soap_kernel(clustered_rows(descriptors.soap_atoms, descriptors.atom_offsets, clustered), settings, grid,
                     options);
}

parallel::DistributedMatrix coulomb_kernel_of_frames(const descriptors::LocalDescriptors& descriptors,
                                                     const ClusteredFrames& clustered,
                                                     const CoulombKernelSettings& settings,
                                                     const parallel::BlacsGrid& grid, const AverageKernelOptions& options) {
  return coulomb_kernel(clustered_coulomb(descriptors, clustered), descriptors.coulomb_settings.n_atoms_max,
                        clustered.first_row, settings, grid, options);
}

}  // namespace hykal::kernels
