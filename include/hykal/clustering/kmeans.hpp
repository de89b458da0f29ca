#pragma once
// k-means on the rows of a small replicated matrix (the spectral embedding, METHOD.md §3, the
// alternative to cluster_qr). Our own implementation: Debian's C++ libraries have no maintained
// k-means (mlpack is not in the dependency set and its defaults differ), and the few dozen lines
// below follow scikit-learn 1.2.1's KMeans(init='k-means++', algorithm='lloyd') step by step:
//  - greedy k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre is a uniformly
//    drawn point; each further centre is the best, by resulting potential Σ min-distance², of
//    2 + ⌊ln k⌋ candidates drawn with probability ∝ current squared distance;
//  - Lloyd iterations until the labels stop changing or the total squared centre shift is
//    ≤ tol · mean per-coordinate variance of the data, at most max_iter; an empty cluster takes
//    the point farthest from its centre;
//  - n_init restarts, the one of lowest inertia wins.
// The random numbers come from std::mt19937_64 with a fixed seed, so results are reproducible
// (and identical on every rank) but not bit-identical to scikit-learn's (numpy's generator):
// compare labels by adjusted Rand index.
#include <Eigen/Dense>

#include <cstdint>
#include <vector>

namespace hykal::clustering {

struct KMeansOptions {
  int n_init = 10;            // restarts (scikit-learn's SpectralClustering default)
  int max_iter = 300;         // Lloyd iterations per restart
  double tol = 1e-4;          // relative to the mean coordinate variance, as scikit-learn
  std::uint64_t seed = 0;
};

struct KMeansResult {
  std::vector<int> labels;  // one per row, 0 … k−1
  Eigen::MatrixXd centers;  // k × dimension
  double inertia = 0.0;     // Σ squared distance of each point to its centre
  int iterations = 0;       // Lloyd iterations of the winning restart
};

// points: N × dimension, N ≥ n_clusters ≥ 1.
KMeansResult kmeans(const Eigen::MatrixXd& points, int n_clusters, const KMeansOptions& options);

}  // namespace hykal::clustering
