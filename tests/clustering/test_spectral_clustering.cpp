// Spectral clustering with the automatic N_c rule (METHOD.md §3) against the reference code run
// on the same affinity and distance (fixtures/sklearn/<case>.h5: K, D, paper__best_k,
// paper__labels_best; <case>.json: paper_spectral with dtol = 1e-4 and the ⟨d⟩(N_c) list), and
// the option checks.
#include "distributed_fixture.hpp"
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "hykal/clustering/kmeans.hpp"
#include "hykal/clustering/label_assignment.hpp"
#include "hykal/clustering/spectral_embedding.hpp"
#include "hykal/clustering/spectral_clustering.hpp"
#include "hykal/error.hpp"
#include "sklearn_fixture.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <limits>

using hykal::clustering::cluster_with_automatic_count;
using hykal::clustering::SpectralClusteringOptions;
using hykal::parallel::EigensolverKind;

namespace {

struct Run {
  hykal::clustering::SpectralClusteringResult result;
  std::vector<int> reference_labels;
  int reference_count;
};

Run run_case(const hykal::parallel::BlacsGrid& grid, const std::string& name, EigensolverKind solver) {
  const auto file = hykal::test::sklearn_case_file(name);
  const auto affinity = hykal::test::distribute(grid, hykal::test::read_matrix(file, "K"));
  const auto distance = hykal::test::distribute(grid, hykal::test::read_matrix(file, "D"));
  SpectralClusteringOptions options;  // d_tol 1e-4, N_c from 2 up to N − 1: the reference's settings
  options.eigensolver = solver;
  return {cluster_with_automatic_count(affinity, distance, options),
          hykal::test::read_labels(file, "paper__labels_best"),
          static_cast<int>(hykal::test::read_labels(file, "paper__best_k").at(0))};
}

}  // namespace

TEST_CASE("automatic N_c picks the reference's N_c and labels", "[clustering][automatic]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  for (const auto solver : {EigensolverKind::elpa, EigensolverKind::scalapack}) {
    // blobs4_unequal_rbf.json: ⟨d⟩ = 1.414196962651358, 1.4141850047788103 → N_c = 3.
    // pipeline30_brief_delta0.5.json: |⟨d⟩(28) − ⟨d⟩(27)| = 4.5e-5 ≤ 1e-4 → N_c = 28.
    // pipeline30_mkcamlip_delta0.5.json: no step within 1e-4 → N − 1 = 29; blobs3_rbf.json: → 89.
    for (const std::string name : {"blobs3_rbf", "blobs4_unequal_rbf", "pipeline30_brief_delta0.5", "pipeline30_mkcamlip_delta0.5"}) {
      INFO(name << ", " << hykal::parallel::eigensolver_name(solver));
      const auto run = run_case(grid, name, solver);
      CHECK(run.result.n_clusters == run.reference_count);
      CHECK(hykal::clustering::adjusted_rand_index(run.result.labels, run.reference_labels) == 1.0);
      CHECK(run.result.scan.front().n_clusters == 2);
      CHECK(run.result.scan.back().n_clusters == run.result.n_clusters);
    }
  }
}

TEST_CASE("automatic N_c reports ⟨d⟩(N_c) as the reference does", "[clustering][automatic]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto run = run_case(grid, "pipeline30_mkcamlip_delta0.5", EigensolverKind::elpa);
  CHECK_FALSE(run.result.tolerance_met);
  REQUIRE(run.result.scan.size() == 28);
  // pipeline30_mkcamlip_delta0.5.json paper_spectral.mean_intercluster_distance, N_c = 2, 3, 12, 29.
  CHECK(run.result.scan[0].mean_distance == Approx(1.0883966029033354).epsilon(1e-12));
  CHECK(run.result.scan[1].mean_distance == Approx(1.0822774488147349).epsilon(1e-12));
  CHECK(run.result.scan[10].mean_distance == Approx(1.0282919963263153).epsilon(1e-12));
  CHECK(run.result.scan[27].mean_distance == Approx(1.035347260595919).epsilon(1e-12));
}

TEST_CASE("clustering options are checked against the data", "[clustering][options]") {
  using hykal::clustering::effective_max_clusters;
  SpectralClusteringOptions options;
  CHECK(effective_max_clusters(options, 30) == 29);
  options.max_clusters = 12;
  CHECK(effective_max_clusters(options, 30) == 12);

  auto bad = [](auto change) {
    SpectralClusteringOptions o;
    change(o);
    return o;
  };
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.d_tol = 0.0; }), 30),
                    Catch::StartsWith("d_tol"));
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.d_tol = -1e-4; }), 30),
                    Catch::StartsWith("d_tol"));
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.d_tol = std::numeric_limits<double>::quiet_NaN(); }), 30),
                    Catch::StartsWith("d_tol"));
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.max_clusters = 30; }), 30),
                    Catch::StartsWith("max_clusters"));
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.min_clusters = 1; }), 30),
                    Catch::StartsWith("min_clusters"));
  CHECK_THROWS_WITH(effective_max_clusters(bad([](auto& o) { o.min_clusters = 5; o.max_clusters = 4; }), 30),
                    Catch::StartsWith("min_clusters"));
  CHECK_THROWS_WITH(effective_max_clusters(SpectralClusteringOptions{}, 1), Catch::Contains("at least 2"));
  CHECK_THROWS_WITH(effective_max_clusters(SpectralClusteringOptions{}, 2), Catch::StartsWith("min_clusters"));
  CHECK_THROWS_AS(effective_max_clusters(SpectralClusteringOptions{}, 0), hykal::InputError);
}

TEST_CASE("bad options stop the clustering before any collective work", "[clustering][options]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto w = hykal::test::distribute(grid, Eigen::MatrixXd::Constant(6, 6, 0.5));
  SpectralClusteringOptions options;
  options.max_clusters = 6;
  CHECK_THROWS_AS(cluster_with_automatic_count(w, w, options), hykal::InputError);
}

TEST_CASE("label assignment: the names, and an unknown one is a setting error naming it", "[clustering][options]") {
  using hykal::clustering::label_assignment_from_name;
  using hykal::clustering::LabelAssignment;
  CHECK(label_assignment_from_name("cluster_qr") == LabelAssignment::cluster_qr);
  CHECK(label_assignment_from_name("kmeans") == LabelAssignment::kmeans);
  CHECK(hykal::clustering::label_assignment_name(LabelAssignment::kmeans) == "kmeans");
  CHECK_THROWS_WITH(label_assignment_from_name("k-means"), Catch::StartsWith("label assignment") && Catch::Contains("k-means"));
  CHECK_THROWS_AS(label_assignment_from_name(""), hykal::SettingError);
}

TEST_CASE("the k-means path: labels are k-means of the embedding with the option's seed", "[clustering][kmeans]") {
  // N_c fixed at 9 on pipeline30_brief_delta0.5, where k-means has several local minima:
  // seeds 0 and 3 give different labellings (ARI 0.49), so a seed that does not reach k-means
  // shows.
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto file = hykal::test::sklearn_case_file("pipeline30_brief_delta0.5");
  const auto affinity = hykal::test::distribute(grid, hykal::test::read_matrix(file, "K"));
  const auto distance = hykal::test::distribute(grid, hykal::test::read_matrix(file, "D"));
  constexpr int n_clusters = 9;
  const Eigen::MatrixXd embedding =
      hykal::clustering::spectral_embedding(affinity, n_clusters, EigensolverKind::elpa).vectors;
  std::vector<std::vector<int>> by_seed;
  for (const std::uint64_t seed : {0, 3}) {
    INFO("seed " << seed);
    SpectralClusteringOptions options;
    options.min_clusters = n_clusters;
    options.max_clusters = n_clusters;
    options.assign_labels = hykal::clustering::LabelAssignment::kmeans;
    options.seed = seed;
    const auto result = cluster_with_automatic_count(affinity, distance, options);
    hykal::clustering::KMeansOptions kmeans_options;
    kmeans_options.seed = seed;
    CHECK(result.labels == hykal::clustering::kmeans(embedding, n_clusters, kmeans_options).labels);
    by_seed.push_back(result.labels);
  }
  CHECK(hykal::clustering::adjusted_rand_index(by_seed[0], by_seed[1]) < 1.0);
}
