#pragma once
// The signature of a training set stored with a model (gap_model.hpp: TrainingSignature).
#include "hykal/gap/gap_model.hpp"
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::gap {

// Collective over comm; local_frames are this rank's frames, the first being global frame
// first_frame. The hash combines every frame's source file, index in that file and global
// position, so it does not depend on how the frames are split over ranks.
TrainingSignature training_signature(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, MPI_Comm comm);

}  // namespace hykal::gap
