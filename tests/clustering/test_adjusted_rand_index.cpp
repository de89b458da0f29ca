// Adjusted Rand index on known cases: scikit-learn's documented examples
// (sklearn.metrics.adjusted_rand_score docstring, 1.2.1) and the ARI_vs_truth values of
// fixtures/sklearn/blobs3_rbf.json against the truth of inputs_blobs3.h5.
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "sklearn_fixture.hpp"

#include <catch2/catch.hpp>

using hykal::clustering::adjusted_rand_index;

TEST_CASE("adjusted Rand index of scikit-learn's documented examples", "[clustering][ari]") {
  CHECK(adjusted_rand_index({0, 0, 1, 1}, {0, 0, 1, 1}) == 1.0);
  CHECK(adjusted_rand_index({0, 0, 1, 1}, {1, 1, 0, 0}) == 1.0);
  CHECK(adjusted_rand_index({0, 0, 1, 2}, {0, 0, 1, 1}) == Approx(0.5714285714285715).epsilon(1e-15));
  CHECK(adjusted_rand_index({0, 0, 1, 1}, {0, 0, 1, 2}) == Approx(0.5714285714285715).epsilon(1e-15));
  CHECK(adjusted_rand_index({0, 0, 0, 0}, {0, 1, 2, 3}) == Approx(0.0).margin(1e-15));
  CHECK(adjusted_rand_index({0, 0, 1, 1}, {0, 1, 0, 1}) == Approx(-0.5).epsilon(1e-15));
  // No pair in disagreement: 1 by scikit-learn's convention (also for all-singletons).
  CHECK(adjusted_rand_index({0, 1, 2}, {5, 4, 3}) == 1.0);
  CHECK(adjusted_rand_index({-1, 7, 7}, {2, 0, 0}) == 1.0);
}

TEST_CASE("adjusted Rand index reproduces the fixture's ARI against the truth", "[clustering][ari]") {
  const auto file = hykal::test::sklearn_case_file("blobs3_rbf");
  const auto truth = hykal::test::read_labels(hykal::test::fixture("sklearn/inputs_blobs3.h5"), "truth");
  // blobs3_rbf.json: spectral__{kmeans,cluster_qr}__k<k>.ARI_vs_truth.
  const std::vector<std::tuple<std::string, int, double>> expected{
      {"kmeans", 2, 0.5658536585365853},      {"kmeans", 4, 0.9157595835305253},
      {"kmeans", 7, 0.5782793698688325},      {"kmeans", 15, 0.2673869656869424},
      {"cluster_qr", 3, 1.0},                 {"cluster_qr", 4, 0.8667878334313359},
      {"cluster_qr", 9, 0.4290242072545207},  {"cluster_qr", 15, 0.24032366170568426}};
  for (const auto& [method, k, ari] : expected) {
    INFO(method << ", k = " << k);
    const auto labels = hykal::test::read_labels(file, "labels__" + method + "__k" + std::to_string(k));
    CHECK(adjusted_rand_index(labels, truth) == Approx(ari).epsilon(1e-13));
  }
}
