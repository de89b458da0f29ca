#pragma once
// Stage 3 of the pipeline (METHOD.md §2): the normalised SOAP and Coulomb kernels over the
// frames that are clustered (every frame but the isolated-atom references), as distributed
// matrices. Row m of a kernel is clustered frame m; frame_of_row maps it to the global frame.
#include "hykal/app/commands.hpp"
#include "hykal/app/descriptor_stage.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

#include <cstdint>
#include <vector>

namespace hykal::app {

struct ClusteredFrames {
  std::vector<std::int64_t> frame_of_row;  // M global frame indices, replicated
  std::vector<double> energy_per_atom;     // M values, eV/atom, replicated
  std::vector<bool> local;                 // per local frame: is it clustered?
  std::int64_t first_row = 0;              // kernel row of this rank's first clustered frame
};

struct KernelMatrices {
  parallel::DistributedMatrix soap;
  parallel::DistributedMatrix coulomb;
};

// Collective. With data.isolated_atoms, one-atom frames are left out (METHOD.md §2).
ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data);

// The process grid of the option parallel.grid ("auto" or ROWSxCOLS).
parallel::GridShape grid_shape(const Configuration& configuration, MPI_Comm comm);

// Collective over grid. Reads the [kernel] options.
KernelMatrices build_kernels(RunContext& context, const LocalDescriptors& descriptors,
                             const ClusteredFrames& clustered, const parallel::BlacsGrid& grid);

}  // namespace hykal::app
