#include "hykal/clustering/spectral_clustering.hpp"

#include "hykal/clustering/mean_intercluster_distance.hpp"
#include "hykal/clustering/spectral_embedding.hpp"
#include "hykal/error.hpp"

#include <mpi.h>

#include <cmath>
#include <string>

namespace hykal::clustering {

int effective_max_clusters(const SpectralClusteringOptions& options, int n_frames) {
  if (!(options.d_tol > 0.0) || !std::isfinite(options.d_tol))
    throw SettingError("d_tol", "must be a positive number, got " + std::to_string(options.d_tol));
  if (n_frames < 2)
    throw InputError("clustering: " + std::to_string(n_frames) + " frame(s) to cluster; at least 2 are needed");
  if (options.min_clusters < 2)
    throw SettingError("min_clusters", "must be at least 2, got " + std::to_string(options.min_clusters));
  if (options.max_clusters < 0)
    throw SettingError("max_clusters", "must be positive (or 0 for N - 1), got " +
                     std::to_string(options.max_clusters));
  if (options.max_clusters >= n_frames)
    throw SettingError("max_clusters", std::to_string(options.max_clusters) +
                     " must be smaller than the number of frames (" + std::to_string(n_frames) + ")");
  const int largest = options.max_clusters == 0 ? n_frames - 1 : options.max_clusters;
  if (largest < options.min_clusters)
    throw SettingError("min_clusters", std::to_string(options.min_clusters) +
                     " clusters need more than " + std::to_string(largest) +
                     (options.max_clusters == 0 ? " (N - 1, with " + std::to_string(n_frames) + " frames)"
                                                : std::string(" (max_clusters)")));
  return largest;
}

SpectralClusteringResult cluster_with_automatic_count(const parallel::DistributedMatrix& affinity,
                                                      const parallel::DistributedMatrix& distance,
                                                      const SpectralClusteringOptions& options) {
  HYKAL_ASSERT(affinity.rows() == distance.rows() && affinity.cols() == distance.cols(),
               "affinity and distance must have the same shape");
  const int largest = effective_max_clusters(options, affinity.rows());
  return cluster_with_automatic_count(spectral_embedding(affinity, largest, options.eigensolver), distance, options);
}

SpectralClusteringResult cluster_with_automatic_count(const SpectralEmbedding& embedding,
                                                      const parallel::DistributedMatrix& distance,
                                                      const SpectralClusteringOptions& options) {
  const int largest = effective_max_clusters(options, distance.rows());
  HYKAL_ASSERT(embedding.vectors.cols() == largest && embedding.vectors.rows() == distance.rows(),
               "an embedding of other size than the distance matrix and max_clusters");
  SpectralClusteringResult result;
  result.eigenvalues = embedding.eigenvalues;
  for (int n_clusters = options.min_clusters; n_clusters <= largest; ++n_clusters) {
    std::vector<int> labels = assign_labels(embedding.vectors.leftCols(n_clusters), options.assign_labels,
                                            options.seed);
    // The embedding is replicated and the assignment deterministic, but rank 0's labels are
    // made everyone's so that the ranks cannot take different branches below.
    MPI_Bcast(labels.data(), static_cast<int>(labels.size()), MPI_INT, 0, distance.grid().comm());
    const double mean_distance = mean_intercluster_distance(distance, labels, n_clusters).mean;
    const bool converged = !result.scan.empty() &&
                           std::abs(mean_distance - result.scan.back().mean_distance) <= options.d_tol;
    result.scan.push_back({n_clusters, mean_distance});
    result.n_clusters = n_clusters;
    result.labels = std::move(labels);
    if (converged) {
      result.tolerance_met = true;
      break;
    }
  }
  return result;
}

}  // namespace hykal::clustering
