#pragma once
// Loading the [data] section's frames: the first step of every command.
#include "hykal/app/commands.hpp"
#include "hykal/io/frame_distribution.hpp"

namespace hykal::app {

// Collective. Expands data.files, indexes and reads the frames distributed over the ranks.
// require_energy: a frame without energy is an input error (every stage past `info`).
io::LocalFrames load_data_set(RunContext& context, bool require_energy);

}  // namespace hykal::app
