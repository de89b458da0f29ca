// Miniapp: ELPA (2-stage) vs ScaLAPACK pdsyevr for the k smallest eigenpairs of an N × N dense
// symmetric matrix, on all ranks of MPI_COMM_WORLD with the default near-square grid. The matrix
// is a Gaussian kernel of deterministic pseudo-random points in 3-D (like the affinities of
// METHOD.md §3): dense, positive semi-definite, with a clustered spectrum.
//
// Usage: eigen_bench [N ...] [--k K] [--block NB] [--repetitions R]   (defaults: 2000 5000, 20, 64, 1)
// Prints a table on rank 0 (time = slowest rank, best of R; ratio = pdsyevr / ELPA; residuals
// max_c ‖A v_c − λ_c v_c‖ as a correctness check) and one CSV line per run.
#include "hykal/parallel/eigensolver.hpp"

#include <mpi.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// PBLAS C = alpha·op(A)·op(B) + beta·C, for the residual check.
extern "C" void pdgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                        const double* alpha, const double* a, const int* ia, const int* ja, const int* desca,
                        const double* b, const int* ib, const int* jb, const int* descb, const double* beta,
                        double* c, const int* ic, const int* jc, const int* descc, std::size_t transa_len,
                        std::size_t transb_len);

namespace {

using namespace hykal::parallel;

struct Options {
  std::vector<int> sizes;
  int k = 20;
  int block = DistributedMatrix::default_block_size;
  int repetitions = 1;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (a + 1 < argc && arg == "--k") {
      options.k = std::atoi(argv[++a]);
    } else if (a + 1 < argc && arg == "--block") {
      options.block = std::atoi(argv[++a]);
    } else if (a + 1 < argc && arg == "--repetitions") {
      options.repetitions = std::atoi(argv[++a]);
    } else {
      options.sizes.push_back(std::atoi(arg.c_str()));
    }
  }
  if (options.sizes.empty()) options.sizes = {2000, 5000};
  return options;
}

// A point in [0, 1)^3 from a fixed integer hash, so every rank computes the same matrix element.
std::array<double, 3> point(int i) {
  std::array<double, 3> x{};
  unsigned long long h = 0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(i + 1);
  for (double& coordinate : x) {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    coordinate = static_cast<double>(h >> 11) / 9007199254740992.0;
  }
  return x;
}

void fill_kernel(DistributedMatrix& a) {
  std::vector<std::array<double, 3>> points(static_cast<std::size_t>(a.rows()));
  for (int i = 0; i < a.rows(); ++i) points[static_cast<std::size_t>(i)] = point(i);
  a.fill([&points](int i, int j) {
    double d2 = 0.0;
    for (int c = 0; c < 3; ++c) d2 += std::pow(points[static_cast<std::size_t>(i)][c] - points[static_cast<std::size_t>(j)][c], 2);
    return std::exp(-10.0 * d2);
  });
}

struct Timing {
  double seconds;
  std::vector<double> values;
  double residual;  // max_c ‖A v_c − λ_c v_c‖
};

double max_residual(const DistributedMatrix& a, const EigenPairs& pairs) {
  const int n = a.rows();
  const int k = pairs.vectors.cols();
  DistributedMatrix av(a.grid(), n, k, a.row_block());
  const int one = 1;
  const double alpha = 1.0;
  const double beta = 0.0;
  pdgemm_("N", "N", &n, &k, &n, &alpha, a.data(), &one, &one, a.descriptor().data(), pairs.vectors.data(), &one, &one,
          pairs.vectors.descriptor().data(), &beta, av.data(), &one, &one, av.descriptor().data(), 1, 1);
  const Eigen::MatrixXd v = pairs.vectors.gather_to_all();
  const Eigen::MatrixXd product = av.gather_to_all();
  double worst = 0.0;
  for (int c = 0; c < k; ++c) worst = std::max(worst, (product.col(c) - pairs.values[static_cast<std::size_t>(c)] * v.col(c)).norm());
  return worst;
}

Timing run(EigensolverKind kind, const DistributedMatrix& a, int k, int repetitions) {
  Timing best{1e300, {}, 0.0};
  for (int r = 0; r < repetitions; ++r) {
    DistributedMatrix copy = a;
    MPI_Barrier(MPI_COMM_WORLD);
    const double start = MPI_Wtime();
    EigenPairs pairs = solve_symmetric(kind, std::move(copy), k, SpectrumEnd::smallest);
    double elapsed = MPI_Wtime() - start;
    MPI_Allreduce(MPI_IN_PLACE, &elapsed, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    if (elapsed < best.seconds) best = Timing{elapsed, pairs.values, max_residual(a, pairs)};
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  try {
    const Options options = parse(argc, argv);
    BlacsGrid grid(MPI_COMM_WORLD);
    const bool root = grid.rank() == 0;
    if (root) {
      std::printf("eigen_bench: %d smallest eigenpairs, %d ranks, grid %d x %d, block %d, best of %d\n", options.k,
                  grid.size(), grid.nprow(), grid.npcol(), options.block, options.repetitions);
      std::printf("%8s %5s %12s %12s %8s %14s %14s %14s\n", "N", "k", "ELPA [s]", "pdsyevr [s]", "ratio",
                  "max|dλ| [-]", "res ELPA [-]", "res pdsyevr [-]");
    }
    std::vector<std::string> csv;
    for (int n : options.sizes) {
      DistributedMatrix a(grid, n, n, options.block);
      fill_kernel(a);
      const Timing elpa = run(EigensolverKind::elpa, a, options.k, options.repetitions);
      const Timing scalapack = run(EigensolverKind::scalapack, a, options.k, options.repetitions);
      double difference = 0.0;
      for (int c = 0; c < options.k; ++c) difference = std::max(difference, std::abs(elpa.values[c] - scalapack.values[c]));
      if (root) {
        std::printf("%8d %5d %12.3f %12.3f %8.2f %14.2e %14.2e %14.2e\n", n, options.k, elpa.seconds,
                    scalapack.seconds, scalapack.seconds / elpa.seconds, difference, elpa.residual, scalapack.residual);
        csv.push_back("csv,eigen_bench," + std::to_string(grid.size()) + "," + std::to_string(n) + "," +
                      std::to_string(options.k) + "," + std::to_string(options.block) + "," +
                      std::to_string(elpa.seconds) + "," + std::to_string(scalapack.seconds));
      }
    }
    if (root) {
      std::printf("# ranks,N,k,block,elpa_s,pdsyevr_s\n");
      for (const std::string& line : csv) std::printf("%s\n", line.c_str());
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "eigen_bench: %s\n", error.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return 0;
}
