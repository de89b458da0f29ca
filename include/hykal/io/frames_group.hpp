#pragma once
// The /frames group of the results file (INTERFACE.md): where each frame came from, its size,
// energy and labels. Written in parallel: each rank writes the rows of its own frames.
#include "hykal/io/frame.hpp"

#include <hdf5.h>
#include <mpi.h>

#include <vector>

namespace hykal::io {

// Collective. local_frames are global frames [first_global, first_global + local_frames.size())
// of total_frames. Missing energies are written as NaN. A label is numeric (float64) when every
// value on every rank parses as a number, text otherwise; a frame without it gets NaN or "".
void write_frames_group(hid_t file, MPI_Comm comm, const std::vector<Frame>& local_frames,
                        long long first_global, long long total_frames);

}  // namespace hykal::io
