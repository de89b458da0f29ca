#include "hykal/clustering/mds_map.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace hykal::clustering {
namespace {

double sum_over_grid(double local, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, &local, 1, MPI_DOUBLE, MPI_SUM, comm);
  return local;
}

// Raw stress Σ_{i<j} (D_ij − |x_i − x_j|)², counted once per unordered pair.
double raw_stress(const parallel::DistributedMatrix& distances, const Eigen::MatrixXd& x) {
  double local = 0.0;
  distances.for_each_local([&](int i, int j, double d) {
    if (i < j) local += std::pow(d - (x.row(i) - x.row(j)).norm(), 2);
  });
  return sum_over_grid(local, distances.grid().comm());
}

}  // namespace

double kruskal_stress(const parallel::DistributedMatrix& distances, const Eigen::MatrixXd& coordinates) {
  double local = 0.0;
  distances.for_each_local([&](int i, int j, double d) {
    if (i < j) local += d * d;
  });
  const double scale = sum_over_grid(local, distances.grid().comm());
  return scale > 0.0 ? std::sqrt(raw_stress(distances, coordinates) / scale) : 0.0;
}

MdsMap classical_mds(const parallel::DistributedMatrix& distances, parallel::EigensolverKind solver) {
  MdsMap map;
  map.coordinates = classical_mds_coordinates(distances, solver);
  map.stress = kruskal_stress(distances, map.coordinates);
  return map;
}

Eigen::MatrixXd classical_mds_coordinates(parallel::DistributedMatrix distances, parallel::EigensolverKind solver) {
  const int n = distances.rows();
  parallel::DistributedMatrix centred = std::move(distances);
  centred.for_each_local([](int, int, double& value) { value *= value; });
  const Eigen::VectorXd row_mean = centred.row_sums() / static_cast<double>(centred.rows());
  const double grand_mean = row_mean.mean();
  // D∘D is symmetric, so its column means are its row means.
  centred.for_each_local([&](int i, int j, double& value) {
    value = -0.5 * (value - row_mean(i) - row_mean(j) + grand_mean);
  });

  const int dimensions = std::min(2, n);
  const parallel::EigenPairs pairs =
      parallel::solve_symmetric(solver, std::move(centred), dimensions, parallel::SpectrumEnd::largest);
  const Eigen::MatrixXd vectors = pairs.vectors.gather_to_all();

  Eigen::MatrixXd coordinates = Eigen::MatrixXd::Zero(n, 2);
  // Largest eigenvalue first: the first map axis carries the most variance.
  for (int axis = 0; axis < dimensions; ++axis) {
    const int column = dimensions - 1 - axis;
    Eigen::VectorXd v = vectors.col(column);
    // Sign convention: the largest-magnitude entry is positive, so the map is reproducible.
    Eigen::Index largest = 0;
    v.cwiseAbs().maxCoeff(&largest);
    if (v(largest) < 0) v = -v;
    coordinates.col(axis) = v * std::sqrt(std::max(0.0, pairs.values[static_cast<std::size_t>(column)]));
  }
  return coordinates;
}

MdsMap smacof_refine(const parallel::DistributedMatrix& distances, const MdsMap& start, int max_iterations,
                     double tolerance) {
  const int n = distances.rows();
  MPI_Comm comm = distances.grid().comm();
  MdsMap map = start;
  double stress = raw_stress(distances, map.coordinates);
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    // Guttman transform: x_i ← (1/N) Σ_{j≠i} (D_ij / d_ij) (x_i − x_j), d_ij the map distance.
    Eigen::MatrixXd update = Eigen::MatrixXd::Zero(n, 2);
    const Eigen::MatrixXd& x = map.coordinates;
    distances.for_each_local([&](int i, int j, double d) {
      if (i == j) return;
      const double mapped = (x.row(i) - x.row(j)).norm();
      if (mapped > 0.0) update.row(i) += (d / mapped) * (x.row(i) - x.row(j));
    });
    MPI_Allreduce(MPI_IN_PLACE, update.data(), static_cast<int>(update.size()), MPI_DOUBLE, MPI_SUM, comm);
    map.coordinates = update / static_cast<double>(n);
    map.smacof_iterations = iteration;
    const double new_stress = raw_stress(distances, map.coordinates);
    const bool converged = stress - new_stress <= tolerance * stress;
    stress = new_stress;
    if (converged) break;
  }
  map.stress = kruskal_stress(distances, map.coordinates);
  return map;
}

}  // namespace hykal::clustering
