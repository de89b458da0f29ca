#pragma once
// Spectral clustering with an automatic number of clusters (METHOD.md §3).
// The eigenproblem is solved once, for max_clusters eigenvectors; the clustering into N_c
// clusters uses the leading N_c columns of that embedding (scikit-learn's embedding for N_c is
// exactly these columns: the sign rule acts column by column). N_c runs from min_clusters
// upward and the first N_c with |⟨d⟩(N_c) − ⟨d⟩(N_c − 1)| ≤ d_tol is chosen; if none is, the
// result is the clustering at max_clusters (the reference's limit is N − 1, the default here).
// A labelling with fewer than two non-empty clusters has ⟨d⟩ = NaN, which never meets d_tol.
#include "hykal/clustering/label_assignment.hpp"
#include "hykal/clustering/spectral_embedding.hpp"
#include "hykal/parallel/distributed_matrix.hpp"
#include "hykal/parallel/eigensolver.hpp"

#include <cstdint>
#include <vector>

namespace hykal::clustering {

struct SpectralClusteringOptions {
  double d_tol = 1e-4;     // clustering.d_tol (paper: 1e-3 TeO2, 1e-4 AsTe3)
  int min_clusters = 2;    // clustering.min_clusters
  int max_clusters = 0;    // clustering.max_clusters; 0 means N − 1
  LabelAssignment assign_labels = LabelAssignment::cluster_qr;  // clustering.assign_labels
  std::uint64_t seed = 0;  // clustering.seed (k-means only)
  parallel::EigensolverKind eigensolver = parallel::EigensolverKind::elpa;  // parallel.eigensolver
};

// The largest N_c that will be tried for n_frames frames; validates the options against
// n_frames (SettingError naming the quantity: d_tol ≤ 0, min_clusters < 2, max_clusters ≥ N or
// < min_clusters, fewer than 2 frames, or too few frames for min_clusters).
int effective_max_clusters(const SpectralClusteringOptions& options, int n_frames);

struct MeanDistanceStep {
  int n_clusters = 0;
  double mean_distance = 0.0;  // ⟨d⟩(N_c)
};

struct SpectralClusteringResult {
  int n_clusters = 0;
  std::vector<int> labels;             // chosen clustering, 0 … n_clusters−1, same on every rank
  std::vector<MeanDistanceStep> scan;  // ⟨d⟩(N_c) for every N_c tried, ascending N_c
  bool tolerance_met = false;          // false: no N_c met d_tol and max_clusters was taken
  std::vector<double> eigenvalues;     // the max_clusters smallest eigenvalues of L
};

// Collective over affinity.grid(). affinity (the similarity W = K_H) and distance (D) are
// N × N on the same grid.
SpectralClusteringResult cluster_with_automatic_count(const parallel::DistributedMatrix& affinity,
                                                      const parallel::DistributedMatrix& distance,
                                                      const SpectralClusteringOptions& options);

// The same from the embedding of the affinity with effective_max_clusters eigenvectors
// (spectral_embedding.hpp), so that the affinity need not be held beside the distance.
SpectralClusteringResult cluster_with_automatic_count(const SpectralEmbedding& embedding,
                                                      const parallel::DistributedMatrix& distance,
                                                      const SpectralClusteringOptions& options);

}  // namespace hykal::clustering
