#pragma once
// Loading the [data] section's frames: the first step of every command.
#include "hykal/app/commands.hpp"
#include "hykal/app/output_paths.hpp"
#include "hykal/io/frame_distribution.hpp"

namespace hykal::app {

// Collective. Expands data.files, checks the output paths the command will write, then indexes
// and reads the frames distributed over the ranks. require_energy: a frame without energy is an
// input error (the stages that use energies).
io::LocalFrames load_data_set(RunContext& context, bool require_energy, Outputs outputs);

}  // namespace hykal::app
