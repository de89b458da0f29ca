#pragma once
// Stage 3 of the pipeline (METHOD.md §2) as a command runs it: the [kernel] and [parallel]
// options, the process grid and the two normalised kernels over the clustered frames
// (kernels/frame_kernels.hpp), timed and with progress on rank 0.
#include "hykal/app/commands.hpp"
#include "hykal/kernels/frame_kernels.hpp"
#include "hykal/parallel/blacs_grid.hpp"

namespace hykal::app {

// Collective. With data.isolated_atoms, one-atom frames are left out (METHOD.md §2).
kernels::ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data);

// The process grid of the option parallel.grid ("auto" or ROWSxCOLS).
parallel::GridShape grid_shape(const Configuration& configuration, MPI_Comm comm);

// Collective over grid. Reads the [kernel] options.
kernels::KernelMatrices build_kernels(RunContext& context, const descriptors::LocalDescriptors& descriptors,
                                      const kernels::ClusteredFrames& clustered, const parallel::BlacsGrid& grid);

}  // namespace hykal::app
