#include "hykal/clustering/mean_intercluster_distance.hpp"

#include "hykal/error.hpp"

#include <mpi.h>

#include <limits>

namespace hykal::clustering {

InterclusterDistances mean_intercluster_distance(const parallel::DistributedMatrix& distance,
                                                 const std::vector<int>& labels, int n_clusters) {
  HYKAL_ASSERT(distance.rows() == distance.cols() && static_cast<int>(labels.size()) == distance.rows(),
               "one label per row of the square distance matrix");
  HYKAL_ASSERT(n_clusters >= 1, "at least one cluster");
  const auto label_of = [&labels](int i) { return labels[static_cast<std::size_t>(i)]; };

  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(n_clusters, n_clusters);  // column-major, contiguous
  distance.for_each_local([&](int i, int j, double value) { sums(label_of(i), label_of(j)) += value; });
  MPI_Allreduce(MPI_IN_PLACE, sums.data(), static_cast<int>(sums.size()), MPI_DOUBLE, MPI_SUM,
                distance.grid().comm());

  Eigen::VectorXd sizes = Eigen::VectorXd::Zero(n_clusters);
  for (const int label : labels) {
    HYKAL_ASSERT(label >= 0 && label < n_clusters, "label out of range");
    sizes(label) += 1.0;
  }

  InterclusterDistances result;
  result.pair_mean = sums.array() / (sizes * sizes.transpose()).array();  // 0/0 = NaN for empty clusters
  double total = 0.0;
  int pairs = 0;
  for (int s = 0; s < n_clusters; ++s) {
    for (int t = s + 1; t < n_clusters; ++t) {
      if (sizes(s) == 0.0 || sizes(t) == 0.0) continue;
      total += result.pair_mean(s, t);
      ++pairs;
    }
  }
  result.mean = pairs > 0 ? total / pairs : std::numeric_limits<double>::quiet_NaN();
  return result;
}

}  // namespace hykal::clustering
