// Benchmark of the distributed average kernel (METHOD.md §2; docs/kernels.md): the
// average-pairwise polynomial SOAP kernel and the mean-descriptor kernel on synthetic per-atom
// descriptors, reported against the DGEMM rate measured in the same run on the same ranks; and
// the Coulomb row-average Laplacian kernel (n_atoms_max rows of n_atoms_max values per frame)
// against the SIMD limit of its L1 loop computed from the clock measured in the same run.
//
//   mpiexec -n <ranks> kernel_bench [--frames 2000,5000] [--atoms 16] [--features 1224]
//                                   [--tile-rows 512] [--coulomb-frames 60] [--coulomb-atoms 216]
//
// The L1 loop's limit: per element one load from each row, one subtraction, one absolute value
// (a bitwise and) and one addition. The two additions-class operations run on the two FP-add
// pipes of Zen 4/5 and Skylake-SP (one vector each per cycle), so the loop does at most one SIMD
// vector of elements per cycle: 8 doubles with AVX-512, 4 with AVX2, 2 with SSE2. The loads
// (two vector loads per cycle) bind only without register blocking; l1_distance_tile reuses
// every loaded row for 4 pairs. Limit = clock × doubles per vector, clock measured with a chain
// of dependent one-cycle integer additions.
// Table columns: ranks, frames N, atoms per frame, len(p), wall time (s), total GFLOP/s,
// GFLOP/s per rank, per-rank rate as % of the one-core DGEMM rate measured at start, and the
// peak resident memory of the largest rank (getrusage ru_maxrss, MB). Flops counted: the DGEMM
// flops of the symmetric half, p (N·atoms)² (average_kernel.hpp: polynomial_kernel_flops).
#include "hykal/kernels/average_kernel.hpp"
#include "hykal/kernels/local_features.hpp"
#include "hykal/version.hpp"

#include <mpi.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

namespace {

using hykal::kernels::FeatureRows;
using hykal::kernels::LocalFeatures;

struct Options {
  std::vector<int> frames{2000, 5000};
  int atoms = 16;
  int features = 1224;
  int tile_rows = 512;
  int coulomb_frames = 60;
  int coulomb_atoms = 216;
};

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> values;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) values.push_back(std::stoi(item));
  return values;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--frames") options.frames = parse_list(value);
    else if (key == "--atoms") options.atoms = std::stoi(value);
    else if (key == "--features") options.features = std::stoi(value);
    else if (key == "--tile-rows") options.tile_rows = std::stoi(value);
    else if (key == "--coulomb-frames") options.coulomb_frames = std::stoi(value);
    else if (key == "--coulomb-atoms") options.coulomb_atoms = std::stoi(value);
  }
  return options;
}

// The one-core DGEMM rate (GFLOP/s) of a square product the size of a kernel tile, measured now
// so that the percentage is against this machine's load, not a nominal peak.
double dgemm_rate(int n, int k) {
  std::vector<double> a(static_cast<std::size_t>(n) * k, 0.5), b(a), c(static_cast<std::size_t>(n) * n);
  const double one = 1.0, zero = 0.0;
  dgemm_("T", "N", &n, &n, &k, &one, a.data(), &k, b.data(), &k, &zero, c.data(), &n);  // warm-up
  const int repeats = 5;
  const double start = MPI_Wtime();
  for (int r = 0; r < repeats; ++r) dgemm_("T", "N", &n, &n, &k, &one, a.data(), &k, b.data(), &k, &zero, c.data(), &n);
  return repeats * 2.0 * n * n * static_cast<double>(k) / (MPI_Wtime() - start) / 1e9;
}

// Core clock (GHz) under the current load: a chain of dependent integer additions, one cycle
// each; the empty asm statement keeps the compiler from folding the chain (it emits no code).
double clock_ghz() {
  std::uint64_t x = 0;
  const std::uint64_t n = 200000000;
  const double start = MPI_Wtime();
  for (std::uint64_t i = 0; i < n; ++i) {
    x += i;
    asm volatile("" : "+r"(x));
    x ^= i;
    asm volatile("" : "+r"(x));
    x += i;
    asm volatile("" : "+r"(x));
    x ^= i;
    asm volatile("" : "+r"(x));
  }
  const double seconds = MPI_Wtime() - start;
  return x == 1 ? 0.0 : 4.0 * static_cast<double>(n) / seconds / 1e9;  // x read so the chain is kept
}

int simd_doubles() { return std::string(hykal::simd_level) == "avx512" ? 8 : std::string(hykal::simd_level) == "avx2" ? 4 : 2; }

LocalFeatures synthetic_block(int n_frames, int atoms, int features, int rank, int size) {
  const int first = static_cast<int>(static_cast<long long>(n_frames) * rank / size);
  const int end = static_cast<int>(static_cast<long long>(n_frames) * (rank + 1) / size);
  LocalFeatures block;
  block.first_frame = first;
  block.rows.resize(static_cast<Eigen::Index>(end - first) * atoms, features);
  std::mt19937_64 generator(1234u + static_cast<unsigned>(rank));
  std::uniform_real_distribution<double> value(0.0, 1.0);
  for (Eigen::Index i = 0; i < block.rows.size(); ++i) block.rows.data()[i] = value(generator);
  for (int f = first; f < end; ++f) block.frame_offsets.push_back(static_cast<std::int64_t>(f - first + 1) * atoms);
  return block;
}

double peak_memory_mb(MPI_Comm comm) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double mine = static_cast<double>(usage.ru_maxrss) / 1024.0, largest = 0.0;
  MPI_Allreduce(&mine, &largest, 1, MPI_DOUBLE, MPI_MAX, comm);
  return largest;
}

// Coulomb row-average Laplacian kernel on synthetic Coulomb-like rows (values 0–40 Ha, the
// range of 216-atom GeTe cells), n_atoms_max³ L1 elements per frame pair.
void bench_coulomb(const Options& options, const hykal::parallel::BlacsGrid& grid, int rank, int size) {
  const int n = options.coulomb_frames, m = options.coulomb_atoms;
  if (n <= 0) return;
  double ghz = clock_ghz(), ghz_min = 0.0;
  MPI_Allreduce(&ghz, &ghz_min, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
  LocalFeatures block = synthetic_block(n, m, m, rank, size);
  block.rows *= 40.0;
  const hykal::kernels::PairwiseMetric metric{hykal::kernels::MetricType::laplacian, 1.0 / m, 1, 0.0};
  hykal::kernels::AverageKernelOptions kernel_options;
  kernel_options.tile_rows = options.tile_rows;
  MPI_Barrier(MPI_COMM_WORLD);
  const double start = MPI_Wtime();
  auto kernel = hykal::kernels::average_kernel(block, metric, grid, kernel_options);
  const double seconds = MPI_Wtime() - start;
  // Useful work: the n(n + 1)/2 frame pairs of the symmetric half, m² row pairs of m values each.
  const double elements = static_cast<double>(n) * (n + 1) / 2.0 * m * m * m;
  const double rate = elements / seconds / 1e9 / size;
  const double limit = ghz_min * simd_doubles();
  if (rank == 0) {
    std::printf("\nCoulomb rows kernel, %d frames x %d rows x %d values, SIMD %s, clock %.2f GHz (slowest rank)\n", n, m,
                m, hykal::simd_level, ghz_min);
    std::printf("%-16s %5s %9s %14s %14s %7s\n", "kernel", "ranks", "time_s", "Gelem/s/rank", "limit/rank", "%limit");
    std::printf("%-16s %5d %9.2f %14.2f %14.2f %6.0f%%\n", "coulomb-rows", size, seconds, rate, limit,
                100.0 * rate / limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  {
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const Options options = parse(argc, argv);
    const double dgemm = dgemm_rate(options.tile_rows, options.features);
    double dgemm_min = 0.0;
    MPI_Allreduce(&dgemm, &dgemm_min, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
    if (rank == 0) {
      std::printf("DGEMM %d x %d x %d, one core per rank: %.1f GFLOP/s (slowest rank)\n", options.tile_rows,
                  options.tile_rows, options.features, dgemm_min);
      std::printf("%-16s %5s %6s %5s %5s %9s %9s %9s %7s %9s\n", "kernel", "ranks", "N", "atoms", "p", "time_s",
                  "GFLOP/s", "GF/s/rank", "%dgemm", "maxrss_MB");
    }
    hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
    hykal::kernels::AverageKernelOptions kernel_options;
    kernel_options.tile_rows = options.tile_rows;
    for (int n : options.frames) {
      const LocalFeatures block = synthetic_block(n, options.atoms, options.features, rank, size);
      const hykal::kernels::PairwiseMetric metric{hykal::kernels::MetricType::polynomial, 1.0 / options.features, 4, 1.0};
      MPI_Barrier(MPI_COMM_WORLD);
      double start = MPI_Wtime();
      auto kernel = hykal::kernels::average_kernel(block, metric, grid, kernel_options);
      const double seconds = MPI_Wtime() - start;
      const double rows = static_cast<double>(n) * options.atoms;
      const double rate = hykal::kernels::polynomial_kernel_flops(rows, options.features) / seconds / 1e9;
      const double memory = peak_memory_mb(MPI_COMM_WORLD);
      if (rank == 0) {
        std::printf("%-16s %5d %6d %5d %5d %9.2f %9.1f %9.1f %6.0f%% %9.0f\n", "average-pairwise", size, n,
                    options.atoms, options.features, seconds, rate, rate / size, 100.0 * rate / size / dgemm_min, memory);
      }
      const LocalFeatures means = hykal::kernels::mean_rows(block);
      MPI_Barrier(MPI_COMM_WORLD);
      start = MPI_Wtime();
      kernel = hykal::kernels::average_kernel(means, metric, grid, kernel_options);
      const double mean_seconds = MPI_Wtime() - start;
      const double mean_rate = hykal::kernels::polynomial_kernel_flops(n, options.features) / mean_seconds / 1e9;
      const double mean_memory = peak_memory_mb(MPI_COMM_WORLD);
      if (rank == 0) {
        std::printf("%-16s %5d %6d %5d %5d %9.2f %9.1f %9.1f %6.0f%% %9.0f\n", "mean-descriptor", size, n, 1,
                    options.features, mean_seconds, mean_rate, mean_rate / size, 100.0 * mean_rate / size / dgemm_min,
                    mean_memory);
      }
    }
    bench_coulomb(options, grid, rank, size);
  }
  MPI_Finalize();
  return 0;
}
