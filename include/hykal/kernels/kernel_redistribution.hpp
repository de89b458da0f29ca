#pragma once
// Step 3 of the average kernel (average_kernel.hpp): from "frame rows" (each rank holds K(x, ·)
// for its own frames x, the entries its ring schedule computed) to the block-cyclic
// DistributedMatrix. Element K(x, y) of the target comes from the owner of x as its entry (x, y)
// when FrameLayout::computed_directly(x, y), else from the owner of y as its entry (y, x).
// Pairwise exchange rounds (round k: send to rank r + k, receive from r − k), so that only one
// message per direction is in memory at a time; sender and receiver walk the receiver's local
// elements in the same column-major order, so no indices travel.
#include "hykal/kernels/frame_layout.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

#include <vector>

namespace hykal::kernels {

// Collective over K.grid().comm(), whose ranks are those of the layout. frame_rows is this
// rank's n_own × N row-major block (N = layout.n_frames()).
void redistribute_frame_rows(const std::vector<double>& frame_rows, const FrameLayout& layout,
                             parallel::DistributedMatrix& kernel);

}  // namespace hykal::kernels
