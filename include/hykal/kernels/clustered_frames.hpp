#pragma once
// Which frames become rows of the kernels (METHOD.md §2): every frame but, on request, the
// one-atom isolated-atom references. Row m of a kernel is clustered frame m, in global frame
// order; frame_of_row maps it back. Per-row quantities (energies) are gathered separately, so
// that stages which need none (descriptors, kernels) never touch them.
#include "hykal/io/frame_distribution.hpp"

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::kernels {

struct ClusteredFrames {
  std::vector<std::int64_t> frame_of_row;  // M global frame indices, replicated
  std::vector<bool> local;                 // per local frame: is it clustered?
  std::int64_t first_row = 0;              // kernel row of this rank's first clustered frame
};

// Collective over comm. skip_isolated: leave one-atom frames out.
ClusteredFrames select_clustered_frames(const io::LocalFrames& data, bool skip_isolated, MPI_Comm comm);

// Collective over comm: E / N_atoms (eV/atom) of every clustered frame in row order, replicated.
// A clustered frame without an energy is an InputError naming its file and frame, on every rank.
std::vector<double> energy_per_atom_of_rows(const io::LocalFrames& data, const ClusteredFrames& clustered,
                                            MPI_Comm comm);

}  // namespace hykal::kernels
