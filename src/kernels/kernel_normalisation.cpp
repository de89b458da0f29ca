#include "hykal/kernels/kernel_normalisation.hpp"

#include "hykal/error.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

namespace hykal::kernels {

namespace {

// Smallest global frame index over all ranks, or INT64_MAX if no rank has one.
std::int64_t first_over_ranks(std::int64_t mine, MPI_Comm comm) {
  std::int64_t first = INT64_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT64_T, MPI_MIN, comm);
  return first;
}

}  // namespace

Eigen::VectorXd replicated_diagonal(const parallel::DistributedMatrix& matrix) {
  HYKAL_ASSERT(matrix.rows() == matrix.cols(), "diagonal of a non-square matrix");
  Eigen::VectorXd local = Eigen::VectorXd::Zero(matrix.rows());
  matrix.for_each_local([&local](int i, int j, double value) {
    if (i == j) local[i] = value;
  });
  Eigen::VectorXd diagonal(matrix.rows());
  MPI_Allreduce(local.data(), diagonal.data(), matrix.rows(), MPI_DOUBLE, MPI_SUM, matrix.grid().comm());
  return diagonal;
}

void check_finite(const parallel::DistributedMatrix& matrix, const char* what) {
  std::int64_t first_bad = INT64_MAX;
  matrix.for_each_local([&first_bad](int i, int, double value) {
    if (!std::isfinite(value) && i < first_bad) first_bad = i;
  });
  const std::int64_t first = first_over_ranks(first_bad, matrix.grid().comm());
  if (first != INT64_MAX) {
    throw InputError("frame " + std::to_string(first) + ": " + what + " has a NaN or Inf entry in its row");
  }
}

void normalise_kernel(parallel::DistributedMatrix& kernel, const char* what) {
  check_finite(kernel, what);
  const Eigen::VectorXd diagonal = replicated_diagonal(kernel);
  for (int i = 0; i < diagonal.size(); ++i) {
    // Every rank sees the same replicated diagonal, so every rank throws the same error.
    if (!(diagonal[i] > 0.0) || !std::isfinite(diagonal[i])) {
      std::ostringstream message;
      message << "frame " << i << ": " << what << " self-similarity K(A,A) = " << diagonal[i]
              << " cannot be normalised (METHOD.md §2); is its descriptor all zeros?";
      throw InputError(message.str());
    }
  }
  // DScribe divides by sqrt(K_AA K_BB) (one square root of the product); so do we.
  kernel.for_each_local([&diagonal](int i, int j, double& value) {
    value = std::min(1.0, value / std::sqrt(diagonal[i] * diagonal[j]));
  });
}

}  // namespace hykal::kernels
