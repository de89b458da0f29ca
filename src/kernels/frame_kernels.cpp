#include "hykal/kernels/frame_kernels.hpp"

namespace hykal::kernels {
namespace {

// Rows of `matrix` for the clustered local frames, each frame's rows [offsets[f], offsets[f+1]),
// copied once into place (not into per-frame blocks first and then stacked: the per-atom SOAP is
// the largest array of a run, and --dry-run's memory model counts exactly one copy of it).
LocalFeatures clustered_rows(const descriptors::DescriptorMatrix& matrix, const std::vector<std::int64_t>& offsets,
                             const ClusteredFrames& clustered) {
  LocalFeatures features;
  features.first_frame = clustered.first_row;
  std::int64_t rows = 0;
  for (std::size_t f = 0; f + 1 < offsets.size(); ++f)
    if (clustered.local[f]) rows += offsets[f + 1] - offsets[f];
  features.rows.resize(rows, matrix.cols());
  std::int64_t row = 0;
  for (std::size_t f = 0; f + 1 < offsets.size(); ++f) {
    if (!clustered.local[f]) continue;
    const std::int64_t n = offsets[f + 1] - offsets[f];
    features.rows.middleRows(row, n) = matrix.middleRows(offsets[f], n);
    row += n;
    features.frame_offsets.push_back(row);
  }
  return features;
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
                                                  const parallel::BlacsGrid& grid, const AverageKernelOptions& options,
                                                  ProjectionSummary* projection) {
  return soap_kernel(clustered_rows(descriptors.soap_atoms, descriptors.atom_offsets, clustered), settings, grid,
                     options, projection);
}

parallel::DistributedMatrix coulomb_kernel_of_frames(const descriptors::LocalDescriptors& descriptors,
                                                     const ClusteredFrames& clustered,
                                                     const CoulombKernelSettings& settings,
                                                     const parallel::BlacsGrid& grid, const AverageKernelOptions& options) {
  return coulomb_kernel(clustered_coulomb(descriptors, clustered), descriptors.coulomb_settings.n_atoms_max,
                        clustered.first_row, settings, grid, options);
}

}  // namespace hykal::kernels
