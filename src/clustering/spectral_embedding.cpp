#include "hykal/clustering/spectral_embedding.hpp"

#include "hykal/error.hpp"

#include <mpi.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace hykal::clustering {
namespace {

// Every rank throws the same InputError when any element of a is not finite: the first such
// element (row-major order) is found by a MIN reduction of its linear index.
void require_finite(const parallel::DistributedMatrix& a) {
  long long first_bad = std::numeric_limits<long long>::max();
  a.for_each_local([&](int i, int j, double value) {
    if (!std::isfinite(value)) first_bad = std::min(first_bad, static_cast<long long>(i) * a.cols() + j);
  });
  long long global_first = first_bad;
  MPI_Allreduce(&first_bad, &global_first, 1, MPI_LONG_LONG, MPI_MIN, a.grid().comm());
  if (global_first != std::numeric_limits<long long>::max())
    throw InputError("clustering: affinity element (" + std::to_string(global_first / a.cols()) + ", " +
                     std::to_string(global_first % a.cols()) + ") is not a finite number");
}

// √d_i of the degrees with the diagonal ignored, 1 for isolated frames (scipy csgraph.laplacian).
Eigen::VectorXd sqrt_degrees(const parallel::DistributedMatrix& off_diagonal) {
  Eigen::VectorXd degrees = off_diagonal.row_sums();
  for (Eigen::Index i = 0; i < degrees.size(); ++i) {
    if (degrees(i) < 0.0)
      throw InputError("clustering: affinity row " + std::to_string(i) +
                       " has a negative sum; the affinity must be a similarity (≥ 0)");
    degrees(i) = degrees(i) == 0.0 ? 1.0 : std::sqrt(degrees(i));
  }
  return degrees;
}

}  // namespace

void flip_signs_deterministically(Eigen::MatrixXd& vectors) {
  for (Eigen::Index c = 0; c < vectors.cols(); ++c) {
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < vectors.rows(); ++i)
      if (std::abs(vectors(i, c)) > std::abs(vectors(largest, c))) largest = i;  // first on ties
    if (vectors(largest, c) < 0.0) vectors.col(c) *= -1.0;
  }
}

SpectralEmbedding spectral_embedding(parallel::DistributedMatrix affinity, int k, parallel::EigensolverKind solver) {
  HYKAL_ASSERT(affinity.rows() == affinity.cols(), "the affinity must be square");
  HYKAL_ASSERT(k >= 1 && k <= affinity.rows(), "1 <= k <= N eigenvectors");
  require_finite(affinity);

  parallel::DistributedMatrix laplacian = std::move(affinity);
  laplacian.for_each_local([](int i, int j, double& value) {
    if (i == j) value = 0.0;
  });
  const Eigen::VectorXd scale = sqrt_degrees(laplacian);
  laplacian.for_each_local([&scale](int i, int j, double& value) {
    value = i == j ? 1.0 : -value / (scale(i) * scale(j));
  });

  parallel::EigenPairs pairs =
      parallel::solve_symmetric(solver, std::move(laplacian), k, parallel::SpectrumEnd::smallest);
  SpectralEmbedding embedding;
  embedding.vectors = pairs.vectors.gather_to_all();
  embedding.vectors.array().colwise() /= scale.array();
  flip_signs_deterministically(embedding.vectors);
  embedding.eigenvalues = std::move(pairs.values);
  return embedding;
}

}  // namespace hykal::clustering
