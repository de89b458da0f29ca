#pragma once
// The one way a command writes its results file: run attributes and /frames, then the command's
// own groups, then /timers, all under a temporary name that is renamed into place at the end
// (io/results_file.hpp).
#include "hykal/app/commands.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <hdf5.h>

#include <functional>

namespace hykal::app {

// Collective. write_groups(file) adds the command's groups (descriptors, kernels, …).
void write_results(RunContext& context, const io::LocalFrames& data, const std::function<void(hid_t file)>& write_groups);

}  // namespace hykal::app
