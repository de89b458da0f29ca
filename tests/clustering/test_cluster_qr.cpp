// cluster_qr against scikit-learn 1.2.1 (fixtures/sklearn/<case>.h5: embedding__k<k> →
// labels__cluster_qr__k<k>): the same algorithm on the same embedding must give the same labels.
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "hykal/clustering/cluster_qr.hpp"
#include "sklearn_fixture.hpp"

#include <catch2/catch.hpp>

using hykal::clustering::adjusted_rand_index;
using hykal::clustering::cluster_qr;

TEST_CASE("cluster_qr reproduces scikit-learn's labels on its embeddings", "[clustering][cluster_qr]") {
  for (const auto& name : hykal::test::sklearn_cases()) {
    const auto file = hykal::test::sklearn_case_file(name);
    for (int k = 2; k <= 15; ++k) {
      INFO(name << ", k = " << k);
      const auto embedding = hykal::test::read_matrix(file, "embedding__k" + std::to_string(k));
      const auto expected = hykal::test::read_labels(file, "labels__cluster_qr__k" + std::to_string(k));
      const auto labels = cluster_qr(embedding);
      CHECK(adjusted_rand_index(labels, expected) == 1.0);
      CHECK(labels == expected);  // deterministic algorithm: even the label names agree
    }
  }
}

TEST_CASE("cluster_qr separates two orthogonal indicator vectors", "[clustering][cluster_qr]") {
  // Two exact clusters: the embedding rows are e1 or e2 scaled; every row maps to its own axis.
  Eigen::MatrixXd embedding = Eigen::MatrixXd::Zero(5, 2);
  embedding.col(0) << 0.5, 0.5, 0.0, 0.0, 0.5;
  embedding.col(1) << 0.0, 0.0, 0.7, 0.7, 0.0;
  const auto labels = cluster_qr(embedding);
  CHECK(labels[0] == labels[1]);
  CHECK(labels[0] == labels[4]);
  CHECK(labels[2] == labels[3]);
  CHECK(labels[0] != labels[2]);
}
