// Miniapp: spectral clustering with the automatic N_c rule (METHOD.md §3) on a synthetic
// affinity, on all ranks of MPI_COMM_WORLD with the default near-square grid. Frames are points
// of `groups` Gaussian blobs in 5-D (deterministic generator); W = exp(−|x−y|²/2),
// D = sqrt(2 − 2W) (the kernel distance of METHOD.md §2). For each eigensolver and label
// assignment it times the embedding alone (one eigenproblem for max_clusters pairs) and the whole
// clustering (that embedding + labels and one ⟨d⟩ reduction per N_c tried), and reports the
// chosen N_c, whether d_tol was met, and the ARI against the blobs.
//
// Usage: clustering_bench [N ...] [--max-clusters M] [--groups G] [--block NB]
//        (defaults: 1000 2000, 20, 6, 64). Table on rank 0 (slowest rank's times), then CSV lines
//        (csv,clustering,N,ranks,solver,labels,embed_s,total_s,N_c,ARI).
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "hykal/clustering/spectral_clustering.hpp"
#include "hykal/clustering/spectral_embedding.hpp"

#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace hykal;

struct Options {
  std::vector<int> sizes;
  int max_clusters = 20;
  int groups = 6;
  int block = parallel::DistributedMatrix::default_block_size;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (a + 1 < argc && arg == "--max-clusters") {
      options.max_clusters = std::atoi(argv[++a]);
    } else if (a + 1 < argc && arg == "--groups") {
      options.groups = std::atoi(argv[++a]);
    } else if (a + 1 < argc && arg == "--block") {
      options.block = std::atoi(argv[++a]);
    } else {
      options.sizes.push_back(std::atoi(arg.c_str()));
    }
  }
  if (options.sizes.empty()) options.sizes = {1000, 2000};
  return options;
}

struct Blobs {
  Eigen::MatrixXd points;  // N × 5
  std::vector<int> truth;
};

Blobs make_blobs(int n, int groups) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd centres(groups, 5);
  for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = 6.0 * normal(rng);
  Blobs blobs{Eigen::MatrixXd(n, 5), std::vector<int>(static_cast<std::size_t>(n))};
  for (int i = 0; i < n; ++i) {
    const int g = i % groups;
    blobs.truth[static_cast<std::size_t>(i)] = g;
    for (int c = 0; c < 5; ++c) blobs.points(i, c) = centres(g, c) + normal(rng);
  }
  return blobs;
}

double slowest(double seconds) {
  double worst = 0.0;
  MPI_Allreduce(&seconds, &worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  int nranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &nranks);
  const Options options = parse(argc, argv);
  {
    const parallel::BlacsGrid grid(MPI_COMM_WORLD);
    std::vector<std::string> csv;
    if (rank == 0)
      std::printf("%6s %5s %9s %10s %4s %11s %10s %5s %5s %7s\n", "N", "ranks", "solver", "labels", "M",
                  "embed (s)", "total (s)", "N_c", "met", "ARI");
    for (const int n : options.sizes) {
      const Blobs blobs = make_blobs(n, options.groups);
      parallel::DistributedMatrix affinity(grid, n, n, options.block);
      affinity.fill([&](int i, int j) {
        return std::exp(-0.5 * (blobs.points.row(i) - blobs.points.row(j)).squaredNorm());
      });
      parallel::DistributedMatrix distance = affinity;
      distance.for_each_local([](int, int, double& w) { w = std::sqrt(std::max(0.0, 2.0 - 2.0 * w)); });

      for (const auto solver : {parallel::EigensolverKind::elpa, parallel::EigensolverKind::scalapack}) {
        for (const auto method : {clustering::LabelAssignment::cluster_qr, clustering::LabelAssignment::kmeans}) {
          clustering::SpectralClusteringOptions settings;
          settings.max_clusters = options.max_clusters;
          settings.eigensolver = solver;
          settings.assign_labels = method;
          MPI_Barrier(MPI_COMM_WORLD);
          double start = MPI_Wtime();
          clustering::spectral_embedding(affinity, options.max_clusters, solver);
          const double embed = slowest(MPI_Wtime() - start);
          MPI_Barrier(MPI_COMM_WORLD);
          start = MPI_Wtime();
          const auto result = clustering::cluster_with_automatic_count(affinity, distance, settings);
          const double total = slowest(MPI_Wtime() - start);  // embedding + the N_c scan
          const double ari = clustering::adjusted_rand_index(result.labels, blobs.truth);
          const std::string solver_name = parallel::eigensolver_name(solver);
          const std::string method_name = clustering::label_assignment_name(method);
          if (rank == 0) {
            std::printf("%6d %5d %9s %10s %4d %11.3f %10.3f %5d %5s %7.4f\n", n, nranks, solver_name.c_str(),
                        method_name.c_str(), options.max_clusters, embed, total, result.n_clusters,
                        result.tolerance_met ? "yes" : "no", ari);
            csv.push_back("csv,clustering," + std::to_string(n) + "," + std::to_string(nranks) + "," + solver_name +
                          "," + method_name + "," + std::to_string(embed) + "," + std::to_string(total) +
                          "," + std::to_string(result.n_clusters) + "," + std::to_string(ari));
          }
        }
      }
    }
    for (const auto& line : csv) std::printf("%s\n", line.c_str());
  }
  MPI_Finalize();
  return 0;
}
