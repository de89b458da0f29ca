#pragma once
// Stage 3 of the pipeline (METHOD.md §2) as a command runs it: the [kernel] and [parallel]
// options, the process grid and the two normalised kernels over the clustered frames
// (kernels/frame_kernels.hpp), timed and with progress on rank 0.
#include "hykal/app/commands.hpp"
#include "hykal/descriptors/soap_settings.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "hykal/kernels/frame_kernels.hpp"
#include "hykal/parallel/blacs_grid.hpp"

namespace hykal::app {

// Collective. With data.isolated_atoms, one-atom frames are left out (METHOD.md §2).
kernels::ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data);

// The process grid of comm: parallel.grid when it fits the size of comm, else (logged) or with
// parallel.grid = auto the near-square one.
parallel::GridShape grid_shape(const ParallelSettings& settings, MPI_Comm comm, const util::Logger& logger);

// What the kernels take of the descriptors (kernels/frame_kernels.hpp), with the [kernel]
// settings: pass its add() to compute_descriptors.
kernels::FrameKernelInputs kernel_inputs(RunContext& context, const io::LocalFrames& data,
                                         const kernels::ClusteredFrames& clustered);

// Collective over grid. With the [kernel] settings and parallel.block_size; the Coulomb kernel
// first, so that its rows are freed before the SOAP rows are projected. `soap` (the descriptor
// stage's resolved settings) computes the per-atom SOAP rows again for the exact projection.
kernels::KernelMatrices build_kernels(RunContext& context, kernels::FrameKernelInputs& inputs,
                                      const io::LocalFrames& data, const descriptors::SoapSettings& soap,
                                      const kernels::ClusteredFrames& clustered, const parallel::BlacsGrid& grid);

}  // namespace hykal::app
