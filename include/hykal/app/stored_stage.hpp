#pragma once
// Reusing a stage an earlier run stored (INTERFACE.md: a command reuses what an earlier command
// stored when the settings that produced it are unchanged). A stage's group in the results file
// carries the attribute `settings`, a text of everything that determined it; a later run reuses
// the group only if its own text is identical.
#include "hykal/app/configuration.hpp"
#include "hykal/io/frame_index.hpp"

#include <mpi.h>

#include <functional>
#include <string>

namespace hykal::app {

// The data files (path, size, modification time to the nanosecond), then "key = value" for every
// key of the option table that `determines` accepts.
std::string settings_signature(const Configuration& configuration, const io::FrameIndex& index,
                               const std::function<bool(const std::string& key)>& determines);

// Collective; rank 0 decides (the file system may differ in what ranks see first). Whether `path`
// is an HDF5 file whose `group` holds every dataset of `datasets` and the attribute `settings`
// equal to signature.
bool stored_signature_matches(const std::string& path, const std::string& group, const std::vector<std::string>& datasets,
                              const std::string& signature, MPI_Comm comm);

}  // namespace hykal::app
