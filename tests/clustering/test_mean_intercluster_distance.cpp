// ⟨d⟩(N_c) of METHOD.md §3 on an analytic case and against the reference code's values
// (fixtures/sklearn/<case>.h5: D and paper__labels__k<k>; <case>.json:
// paper_spectral.mean_intercluster_distance[k − 2], reproduced here for a few k).
#include "distributed_fixture.hpp"
#include "hykal/clustering/mean_intercluster_distance.hpp"
#include "sklearn_fixture.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>

using hykal::clustering::mean_intercluster_distance;

TEST_CASE("mean inter-cluster distance of points on a line", "[clustering][distance]") {
  // x = 0, 1, 3, 6; D = |x_i − x_j|.
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const Eigen::Vector4d x(0.0, 1.0, 3.0, 6.0);
  Eigen::MatrixXd d(4, 4);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) d(i, j) = std::abs(x(i) - x(j));
  {
    hykal::parallel::DistributedMatrix distance(grid, 4, 4, 1);  // one element per block: every rank holds some
    distance.fill([&d](int i, int j) { return d(i, j); });
    // {0, 1} | {3, 6}: d = (3 + 6 + 2 + 5) / 4 = 4.
    const auto two = mean_intercluster_distance(distance, {0, 0, 1, 1}, 2);
    CHECK(two.mean == Approx(4.0).epsilon(1e-15));
    CHECK(two.pair_mean(0, 1) == Approx(4.0).epsilon(1e-15));
    // {0} | {1, 3} | {6}: d01 = (1 + 3)/2 = 2, d02 = 6, d12 = (5 + 3)/2 = 4 → ⟨d⟩ = 4.
    const auto three = mean_intercluster_distance(distance, {0, 1, 1, 2}, 3);
    CHECK(three.pair_mean(0, 1) == Approx(2.0).epsilon(1e-15));
    CHECK(three.pair_mean(0, 2) == Approx(6.0).epsilon(1e-15));
    CHECK(three.pair_mean(1, 2) == Approx(4.0).epsilon(1e-15));
    CHECK(three.mean == Approx(4.0).epsilon(1e-15));
    // Within-cluster mean distance of {1, 3}: (0 + 2 + 2 + 0) / 4 = 1.
    CHECK(three.pair_mean(1, 1) == Approx(1.0).epsilon(1e-15));
    // An empty cluster (label 1 unused) is left out of the pairs: only {0,1} | {3,6} remains.
    const auto with_empty = mean_intercluster_distance(distance, {0, 0, 2, 2}, 3);
    CHECK(with_empty.mean == Approx(4.0).epsilon(1e-15));
  }
}

TEST_CASE("mean inter-cluster distance reproduces the reference code's values", "[clustering][distance]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  struct Expected {
    std::string name;
    int k;
    double mean;
  };
  // <case>.json paper_spectral.mean_intercluster_distance, entries k − 2.
  const std::vector<Expected> expected{{"blobs3_rbf", 2, 1.4142135299382617},
                                       {"blobs3_rbf", 5, 1.2492336186268922},
                                       {"blobs3_rbf", 40, 1.0900161626917308},
                                       {"blobs4_unequal_rbf", 3, 1.4141850047788103},
                                       {"pipeline30_brief_delta0.5", 7, 0.8789400550959223},
                                       {"pipeline30_mkcamlip_delta0.5", 29, 1.035347260595919}};
  for (const auto& e : expected) {
    INFO(e.name << ", k = " << e.k);
    const auto file = hykal::test::sklearn_case_file(e.name);
    const auto distance = hykal::test::distribute(grid, hykal::test::read_matrix(file, "D"));
    const auto labels = hykal::test::read_labels(file, "paper__labels__k" + std::to_string(e.k));
    CHECK(mean_intercluster_distance(distance, labels, e.k).mean == Approx(e.mean).epsilon(1e-13));
  }
}
