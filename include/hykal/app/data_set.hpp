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

// Collective: the files of the patterns set by `key` (InputError naming the key when it is empty
// or matches nothing).
std::vector<std::string> expanded_paths(RunContext& context, const std::string& key,
                                        const std::vector<std::string>& patterns);

// Collective: those files read distributed over the ranks with the [data] keys, logged and timed
// as `what` ("read training frames").
io::LocalFrames read_frames(RunContext& context, const std::vector<std::string>& paths, bool require_energy,
                            const std::string& what);

}  // namespace hykal::app
