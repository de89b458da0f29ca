#pragma once
// The normalised SOAP and Coulomb kernels (METHOD.md §2) over the clustered frames, from the
// descriptor stage's local rows: what the kernel stage hands the clustering, as distributed
// matrices whose row m is clustered frame m.
#include "hykal/descriptors/local_descriptors.hpp"
#include "hykal/kernels/clustered_frames.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

namespace hykal::kernels {

struct KernelMatrices {
  parallel::DistributedMatrix soap;
  parallel::DistributedMatrix coulomb;
};

// Collective over grid: the SOAP kernel of the clustered frames' per-atom rows.
parallel::DistributedMatrix soap_kernel_of_frames(const descriptors::LocalDescriptors& descriptors,
                                                  const ClusteredFrames& clustered, const SoapKernelSettings& settings,
                                                  const parallel::BlacsGrid& grid, const AverageKernelOptions& options);

// Collective over grid: the Coulomb kernel of the clustered frames' Coulomb matrices.
parallel::DistributedMatrix coulomb_kernel_of_frames(const descriptors::LocalDescriptors& descriptors,
                                                     const ClusteredFrames& clustered,
                                                     const CoulombKernelSettings& settings,
                                                     const parallel::BlacsGrid& grid, const AverageKernelOptions& options);

}  // namespace hykal::kernels
