// Spectral embedding of the distributed affinity against scikit-learn 1.2.1
// (fixtures/sklearn/<case>.h5: K → embedding__k<k>, and labels__cluster_qr__k<k>), with both
// eigensolvers, at every rank count the test is registered with.
#include "distributed_fixture.hpp"
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "hykal/clustering/cluster_qr.hpp"
#include "hykal/clustering/kmeans.hpp"
#include "hykal/clustering/spectral_embedding.hpp"
#include "hykal/error.hpp"
#include "sklearn_fixture.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <limits>

using hykal::clustering::adjusted_rand_index;
using hykal::clustering::spectral_embedding;
using hykal::parallel::EigensolverKind;

namespace {

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

}  // namespace

TEST_CASE("spectral embedding and cluster_qr labels match scikit-learn", "[clustering][embedding]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  for (const auto solver : {EigensolverKind::elpa, EigensolverKind::scalapack}) {
    for (const auto& name : hykal::test::sklearn_cases()) {
      const auto file = hykal::test::sklearn_case_file(name);
      const auto affinity = hykal::test::distribute(grid, hykal::test::read_matrix(file, "K"));
      double worst = 0.0;
      for (int k = 2; k <= 15; ++k) {
        INFO(name << ", k = " << k << ", " << hykal::parallel::eigensolver_name(solver));
        const auto embedding = spectral_embedding(affinity, k, solver);
        const auto expected = hykal::test::read_matrix(file, "embedding__k" + std::to_string(k));
        REQUIRE(embedding.vectors.rows() == expected.rows());
        REQUIRE(embedding.vectors.cols() == k);
        // The sign rule is deterministic, so the signs must agree too.
        const double difference = (embedding.vectors - expected).cwiseAbs().maxCoeff();
        worst = std::max(worst, difference);
        CHECK(difference <= 1e-8);
        const auto labels = hykal::clustering::cluster_qr(embedding.vectors);
        const auto reference = hykal::test::read_labels(file, "labels__cluster_qr__k" + std::to_string(k));
        CHECK(adjusted_rand_index(labels, reference) == 1.0);
      }
      if (world_rank() == 0)
        std::printf("embedding vs sklearn  %-30s %-9s max |difference| %.2e\n", name.c_str(),
                    hykal::parallel::eigensolver_name(solver).c_str(), worst);
    }
  }
}

TEST_CASE("the leading columns of a larger embedding are the smaller embedding", "[clustering][embedding]") {
  // What the automatic N_c search relies on (METHOD.md §3: one eigenproblem for max_clusters).
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto file = hykal::test::sklearn_case_file("pipeline30_mkcamlip_delta0.5");
  const auto affinity = hykal::test::distribute(grid, hykal::test::read_matrix(file, "K"));
  const auto embedding = spectral_embedding(affinity, 15, EigensolverKind::elpa);
  for (int k = 2; k <= 15; ++k) {
    INFO("k = " << k);
    const auto expected = hykal::test::read_matrix(file, "embedding__k" + std::to_string(k));
    CHECK((embedding.vectors.leftCols(k) - expected).cwiseAbs().maxCoeff() <= 1e-8);
  }
}

TEST_CASE("k-means on our embedding of the pipeline30 cases, compared with scikit-learn", "[clustering][embedding]") {
  // Reported, not asserted beyond the clear structure (see test_kmeans.cpp): the ARI table goes
  // into the engineer's report.
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  for (const std::string name : {"pipeline30_brief_delta0.5", "pipeline30_mkcamlip_delta0.5"}) {
    const auto file = hykal::test::sklearn_case_file(name);
    const auto affinity = hykal::test::distribute(grid, hykal::test::read_matrix(file, "K"));
    const auto embedding = spectral_embedding(affinity, 15, EigensolverKind::scalapack);
    for (int k = 2; k <= 15; ++k) {
      const auto labels = hykal::clustering::kmeans(embedding.vectors.leftCols(k), k, {}).labels;
      const auto reference = hykal::test::read_labels(file, "labels__kmeans__k" + std::to_string(k));
      const double ari = adjusted_rand_index(labels, reference);
      if (world_rank() == 0) std::printf("kmeans on our embedding  %-30s k=%2d  ARI %.4f\n", name.c_str(), k, ari);
      INFO(name << ", k = " << k);
      if (k <= 6) CHECK(ari >= 0.99);  // 2 … 6: both cases agree exactly (test_kmeans.cpp table)
    }
  }
}

TEST_CASE("a non-finite affinity is an input error on every rank", "[clustering][embedding]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  Eigen::MatrixXd w = Eigen::MatrixXd::Constant(20, 20, 0.5);
  w(13, 4) = std::numeric_limits<double>::quiet_NaN();
  w(4, 13) = w(13, 4);
  const auto affinity = hykal::test::distribute(grid, w);
  CHECK_THROWS_WITH(spectral_embedding(affinity, 3, EigensolverKind::elpa),
                    Catch::Contains("clustering: affinity element (4, 13) is not a finite number"));
}

TEST_CASE("the self-affinity is ignored: a non-uniform diagonal leaves scikit-learn's embedding", "[clustering][embedding]") {
  // scikit-learn (csgraph.laplacian) sets the diagonal of W to 0 before the degrees, so the
  // fixture embedding of K (unit diagonal) is also the answer for K with any other diagonal.
  // A non-uniform one, as here, changes both the degrees and the eigenvectors if it counts.
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto file = hykal::test::sklearn_case_file("pipeline30_mkcamlip_delta0.5");
  Eigen::MatrixXd k = hykal::test::read_matrix(file, "K");
  for (Eigen::Index i = 0; i < k.rows(); ++i) k(i, i) = 0.5 + 3.0 * static_cast<double>(i % 7);
  const auto embedding = spectral_embedding(hykal::test::distribute(grid, k), 6, EigensolverKind::elpa);
  CHECK((embedding.vectors - hykal::test::read_matrix(file, "embedding__k6")).cwiseAbs().maxCoeff() <= 1e-8);
}

TEST_CASE("spectral embedding of two disconnected blocks separates them", "[clustering][embedding]") {
  // W = two 5-frame blocks of ones (no link between them), plus a non-uniform self-affinity
  // that must be ignored: L has eigenvalue 0 twice (were the diagonal counted, the degrees would
  // differ within a block and no eigenvalue would be 0); the embedding is constant on each block
  // (up to the degree scaling, the same for all frames), so cluster_qr recovers the blocks.
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(10, 10);
  w.topLeftCorner(5, 5).setOnes();
  w.bottomRightCorner(5, 5).setOnes();
  w.diagonal() = Eigen::VectorXd::LinSpaced(10, 0.5, 9.5);
  const auto embedding = spectral_embedding(hykal::test::distribute(grid, w), 2, EigensolverKind::scalapack);
  CHECK(embedding.eigenvalues[0] == Approx(0.0).margin(1e-12));
  CHECK(embedding.eigenvalues[1] == Approx(0.0).margin(1e-12));
  const auto labels = hykal::clustering::cluster_qr(embedding.vectors);
  CHECK(adjusted_rand_index(labels, {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}) == 1.0);
}
