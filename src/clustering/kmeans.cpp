#include "hykal/clustering/kmeans.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace hykal::clustering {
namespace {

using Index = Eigen::Index;

// Uniform double in [0, 1) from the top 53 bits, and a uniform index: written out so that the
// sequence does not depend on the standard library's distribution implementations.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
Index uniform_index(std::mt19937_64& rng, Index n) {
  return static_cast<Index>(uniform01(rng) * static_cast<double>(n));
}

Eigen::VectorXd squared_distances_to(const Eigen::MatrixXd& points, const Eigen::RowVectorXd& center) {
  return (points.rowwise() - center).rowwise().squaredNorm();
}

// Greedy k-means++ (scikit-learn's _kmeans_plusplus).
Eigen::MatrixXd plus_plus_seeds(const Eigen::MatrixXd& points, int k, std::mt19937_64& rng) {
  const Index n = points.rows();
  const int trials = 2 + static_cast<int>(std::log(static_cast<double>(k)));
  Eigen::MatrixXd centers(k, points.cols());
  centers.row(0) = points.row(uniform_index(rng, n));
  Eigen::VectorXd closest = squared_distances_to(points, centers.row(0));
  double potential = closest.sum();

  std::vector<double> cumulative(static_cast<std::size_t>(n));
  for (int c = 1; c < k; ++c) {
    std::partial_sum(closest.data(), closest.data() + n, cumulative.begin());
    Index best_id = 0;
    double best_potential = std::numeric_limits<double>::infinity();
    Eigen::VectorXd best_closest;
    for (int t = 0; t < trials; ++t) {
      const double target = uniform01(rng) * potential;
      // First index whose cumulative sum reaches the target (numpy searchsorted, side left).
      const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
      const Index id = std::min<Index>(static_cast<Index>(it - cumulative.begin()), n - 1);
      Eigen::VectorXd candidate = closest.cwiseMin(squared_distances_to(points, points.row(id)));
      const double candidate_potential = candidate.sum();
      if (candidate_potential < best_potential) {  // first best on ties, as numpy's argmin
        best_potential = candidate_potential;
        best_id = id;
        best_closest = std::move(candidate);
      }
    }
    centers.row(c) = points.row(best_id);
    closest = std::move(best_closest);
    potential = best_potential;
  }
  return centers;
}

// Nearest centre of every point; returns the inertia. distances receives each point's squared
// distance to its centre.
double assign(const Eigen::MatrixXd& points, const Eigen::MatrixXd& centers, std::vector<int>& labels,
              Eigen::VectorXd& distances) {
  for (Index i = 0; i < points.rows(); ++i) {
    int best = 0;
    double best_distance = std::numeric_limits<double>::infinity();
    for (Index c = 0; c < centers.rows(); ++c) {
      const double d = (points.row(i) - centers.row(c)).squaredNorm();
      if (d < best_distance) {
        best_distance = d;
        best = static_cast<int>(c);
      }
    }
    labels[static_cast<std::size_t>(i)] = best;
    distances(i) = best_distance;
  }
  return distances.sum();
}

// Means of the clusters; an empty cluster takes the point farthest from its old centre (those
// points leave their clusters), as scikit-learn's _relocate_empty_clusters_dense.
Eigen::MatrixXd cluster_means(const Eigen::MatrixXd& points, std::vector<int>& labels,
                              const Eigen::VectorXd& distances, int k) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, points.cols());
  std::vector<Index> counts(static_cast<std::size_t>(k), 0);
  for (Index i = 0; i < points.rows(); ++i) {
    sums.row(labels[static_cast<std::size_t>(i)]) += points.row(i);
    ++counts[static_cast<std::size_t>(labels[static_cast<std::size_t>(i)])];
  }
  std::vector<Index> far;  // points by decreasing distance to their centre, built only when needed
  std::size_t next_far = 0;
  for (int c = 0; c < k; ++c) {
    if (counts[static_cast<std::size_t>(c)] != 0) continue;
    if (far.empty()) {
      far.resize(static_cast<std::size_t>(points.rows()));
      std::iota(far.begin(), far.end(), Index{0});
      std::stable_sort(far.begin(), far.end(), [&](Index a, Index b) { return distances(a) > distances(b); });
    }
    // Never take the last member of a cluster (that would only move the hole).
    while (counts[static_cast<std::size_t>(labels[static_cast<std::size_t>(far[next_far])])] < 2) ++next_far;
    const Index moved = far[next_far++];
    const int from = labels[static_cast<std::size_t>(moved)];
    sums.row(from) -= points.row(moved);
    --counts[static_cast<std::size_t>(from)];
    sums.row(c) = points.row(moved);
    counts[static_cast<std::size_t>(c)] = 1;
    labels[static_cast<std::size_t>(moved)] = c;
  }
  for (int c = 0; c < k; ++c) sums.row(c) /= static_cast<double>(counts[static_cast<std::size_t>(c)]);
  return sums;
}

KMeansResult lloyd(const Eigen::MatrixXd& points, Eigen::MatrixXd centers, const KMeansOptions& options,
                   double shift_tolerance) {
  const int k = static_cast<int>(centers.rows());
  KMeansResult result;
  result.labels.assign(static_cast<std::size_t>(points.rows()), -1);
  std::vector<int> previous = result.labels;
  Eigen::VectorXd distances(points.rows());
  for (int iteration = 1; iteration <= options.max_iter; ++iteration) {
    result.iterations = iteration;
    assign(points, centers, result.labels, distances);
    Eigen::MatrixXd updated = cluster_means(points, result.labels, distances, k);
    const double shift = (updated - centers).squaredNorm();
    centers = std::move(updated);
    if (result.labels == previous) break;
    if (shift <= shift_tolerance) break;
    previous = result.labels;
  }
  // The centres moved after the last assignment: make labels and inertia agree with them
  // (a no-op when the labels had settled).
  result.inertia = assign(points, centers, result.labels, distances);
  result.centers = std::move(centers);
  return result;
}

}  // namespace

KMeansResult kmeans(const Eigen::MatrixXd& points, int n_clusters, const KMeansOptions& options) {
  HYKAL_ASSERT(n_clusters >= 1 && points.rows() >= n_clusters, "k-means needs at least k points");
  HYKAL_ASSERT(options.n_init >= 1 && options.max_iter >= 1, "k-means needs n_init, max_iter >= 1");
  // Centre the data first (scikit-learn does, for accuracy of the distances).
  const Eigen::RowVectorXd mean = points.colwise().mean();
  const Eigen::MatrixXd centred = points.rowwise() - mean;
  const double mean_variance = centred.colwise().squaredNorm().mean() / static_cast<double>(points.rows());
  const double shift_tolerance = options.tol * mean_variance;

  std::mt19937_64 rng(options.seed);
  KMeansResult best;
  best.inertia = std::numeric_limits<double>::infinity();
  for (int run = 0; run < options.n_init; ++run) {
    KMeansResult trial = lloyd(centred, plus_plus_seeds(centred, n_clusters, rng), options, shift_tolerance);
    if (trial.inertia < best.inertia) best = std::move(trial);
  }
  best.centers.rowwise() += mean;
  return best;
}

}  // namespace hykal::clustering
