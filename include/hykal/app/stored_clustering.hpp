#pragma once
// Reusing the clustering of an earlier `cluster` or `run` (stored_stage.hpp): `learn` and `run`
// read the chosen clustering back from the results file instead of redoing descriptors, kernels
// and the δ scan when the data and every setting that determined it are unchanged.
#include "hykal/app/configuration.hpp"
#include "hykal/io/frame_index.hpp"

#include <mpi.h>

#include <optional>
#include <string>
#include <vector>

namespace hykal::app {

// The kernel signature's entries plus every [clustering] and [map] key and
// parallel.eigensolver. Stored as the attribute `settings` of /clustering.
std::string clustering_settings_signature(const Configuration& configuration, const io::FrameIndex& index);

struct StoredClustering {
  std::vector<long long> labels;  // the chosen clustering's label of every frame, −1: not clustered
  double delta = 0.0;
  long long n_clusters = 0;
};

// Collective. The chosen clustering stored in `path` when its signature matches and it labels
// n_frames frames; nothing otherwise.
std::optional<StoredClustering> load_stored_clustering(const std::string& path, const std::string& signature,
                                                       std::int64_t n_frames, MPI_Comm comm);

}  // namespace hykal::app
