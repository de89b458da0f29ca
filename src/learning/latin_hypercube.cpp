#include "hykal/learning/latin_hypercube.hpp"

namespace hykal::learning {

Eigen::MatrixXd latin_hypercube(Eigen::Index n, Eigen::Index dimension, RandomStream& random) {
  Eigen::MatrixXd design(n, dimension);
  for (Eigen::Index axis = 0; axis < dimension; ++axis) {
    const std::vector<std::size_t> strata = random.permutation(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
      design(i, axis) = (static_cast<double>(strata[static_cast<std::size_t>(i)]) + random.uniform()) / static_cast<double>(n);
  }
  return design;
}

}  // namespace hykal::learning
