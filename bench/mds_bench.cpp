// The MDS map (METHOD.md §5) on synthetic distance matrices: classical MDS (two largest
// eigenpairs of the double-centred −½D∘D) with ELPA and ScaLAPACK, and 20 SMACOF iterations.
// scikit-learn's MDS (SMACOF, 4 inits × ≤300 iterations, dense, one core) takes ≈ 110 s at
// N = 2000 on this machine type (issue 4).
// Run: mpiexec -n 2 ./bench/mds_bench [N ...]     (default 2000 5000)
#include "hykal/clustering/mds_map.hpp"
#include "hykal/parallel/blacs_grid.hpp"

#include <mpi.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace hykal;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Points on a noisy 3-D helix: a map that is not exactly planar.
parallel::DistributedMatrix helix_distances(const parallel::BlacsGrid& grid, int n) {
  std::vector<double> x(3 * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double t = 12.0 * i / n;
    x[3 * i] = std::cos(t), x[3 * i + 1] = std::sin(t), x[3 * i + 2] = 0.1 * t + 0.01 * std::sin(97.0 * i);
  }
  parallel::DistributedMatrix d(grid, n, n);
  d.fill([&](int i, int j) {
    const double a = x[3 * i] - x[3 * j], b = x[3 * i + 1] - x[3 * j + 1], c = x[3 * i + 2] - x[3 * j + 2];
    return std::sqrt(a * a + b * b + c * c);
  });
  return d;
}

double peak_memory_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  std::vector<int> sizes;
  for (int a = 1; a < argc; ++a) sizes.push_back(std::atoi(argv[a]));
  if (sizes.empty()) sizes = {2000, 5000};
  {
    const parallel::BlacsGrid grid(MPI_COMM_WORLD);
    if (rank == 0)
      std::printf("%7s %5s %10s %16s %14s %10s %16s\n", "N", "ranks", "solver", "classical (s)", "20 SMACOF (s)", "stress",
                  "peak MB/rank");
    for (int n : sizes) {
      const auto d = helix_distances(grid, n);
      for (auto solver : {parallel::EigensolverKind::elpa, parallel::EigensolverKind::scalapack}) {
        MPI_Barrier(MPI_COMM_WORLD);
        auto start = std::chrono::steady_clock::now();
        const auto map = clustering::classical_mds(d, solver);
        const double classical = seconds_since(start);
        start = std::chrono::steady_clock::now();
        const auto refined = clustering::smacof_refine(d, map, 20, 0.0);
        const double smacof = seconds_since(start);
        const double memory = peak_memory_mb();
        double worst = 0.0;
        MPI_Reduce(&memory, &worst, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
        if (rank == 0)
          std::printf("%7d %5d %10s %16.3f %14.3f %10.4f %16.1f\n", n, ranks, parallel::eigensolver_name(solver).c_str(),
                      classical, smacof, refined.stress, worst);
      }
    }
  }
  MPI_Finalize();
  return 0;
}
