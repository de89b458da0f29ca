// The MDS map (METHOD.md §5) on analytic cases: distances of points that lie in a plane are
// reproduced exactly by classical MDS (stress 0), the map does not depend on the number of ranks
// or the eigensolver, and SMACOF never increases the stress of a non-planar configuration.
#include "hykal/clustering/mds_map.hpp"
#include "hykal/parallel/blacs_grid.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace hykal;

namespace {

Eigen::MatrixXd random_points(int n, int dimensions, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Eigen::MatrixXd points(n, dimensions);
  for (int i = 0; i < n; ++i)
    for (int d = 0; d < dimensions; ++d) points(i, d) = uniform(generator);
  return points;
}

parallel::DistributedMatrix distance_matrix(const parallel::BlacsGrid& grid, const Eigen::MatrixXd& points) {
  parallel::DistributedMatrix d(grid, static_cast<int>(points.rows()), static_cast<int>(points.rows()), 8);
  d.fill([&](int i, int j) { return (points.row(i) - points.row(j)).norm(); });
  return d;
}

}  // namespace

TEST_CASE("classical MDS reproduces the distances of planar points") {
  const parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const Eigen::MatrixXd points = random_points(37, 2, 7);
  for (auto solver : {parallel::EigensolverKind::elpa, parallel::EigensolverKind::scalapack}) {
    const clustering::MdsMap map = clustering::classical_mds(distance_matrix(grid, points), solver);
    CHECK(map.stress < 1e-10);
    for (int i = 0; i < points.rows(); ++i)
      for (int j = 0; j < points.rows(); ++j)
        CHECK((map.coordinates.row(i) - map.coordinates.row(j)).norm() ==
              Approx((points.row(i) - points.row(j)).norm()).margin(1e-10));
    // The map is centred (double centring puts the origin at the centroid).
    CHECK(map.coordinates.colwise().sum().norm() < 1e-10);
  }
}

TEST_CASE("the map is the same with both eigensolvers (sign convention fixed)") {
  const parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const Eigen::MatrixXd points = random_points(30, 3, 11);
  const auto elpa = clustering::classical_mds(distance_matrix(grid, points), parallel::EigensolverKind::elpa);
  const auto scalapack = clustering::classical_mds(distance_matrix(grid, points), parallel::EigensolverKind::scalapack);
  CHECK((elpa.coordinates - scalapack.coordinates).cwiseAbs().maxCoeff() < 1e-10);
  CHECK(elpa.stress == Approx(scalapack.stress).epsilon(1e-12));
}

TEST_CASE("SMACOF lowers the stress of a three-dimensional configuration") {
  const parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const Eigen::MatrixXd points = random_points(40, 3, 3);
  const auto d = distance_matrix(grid, points);
  const auto classical = clustering::classical_mds(d, parallel::EigensolverKind::elpa);
  CHECK(classical.stress > 0.05);  // a 3-D cloud does not fit in a plane
  const auto refined = clustering::smacof_refine(d, classical);
  CHECK(refined.smacof_iterations > 0);
  CHECK(refined.stress < classical.stress);
}
