#include "hykal/kernels/l1_distance_tile.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hykal::kernels {

namespace {

// The eight partial sums of one distance (lane l sums the features k ≡ l mod 8) are held in
// `vectors` native SIMD registers of `width` doubles: one with AVX-512, two with AVX2, four with
// SSE2. GCC/Clang vector types of the native width compile to plain vector instructions.
#if defined(__AVX512F__)
constexpr int width = 8;
#elif defined(__AVX2__)
constexpr int width = 4;
#else
constexpr int width = 2;
#endif
typedef double Vector __attribute__((vector_size(width * sizeof(double))));
typedef std::uint64_t VectorBits __attribute__((vector_size(width * sizeof(double))));
constexpr int lane_count = 8;
constexpr int vectors = lane_count / width;

// Micro-tile shape per SIMD level: MR · NR · vectors accumulators plus MR + NR loaded vectors fit
// the register file (32 × 512-bit with AVX-512, 16 × 256-bit with AVX2, 16 × 128-bit with SSE2),
// and the MR · NR · vectors independent sums hide the latency of the FP adds. AVX-512: 16 sums
// and 8 loaded rows in 24 of the 32 registers, 0.5 loads per row pair and vector (measured
// fastest of 4×2, 6×2, 2×4, 3×4, 4×4 on Zen 5); AVX2 3×1 and SSE2 1×1 likewise measured.
#if defined(__AVX512F__)
constexpr int micro_rows = 4, micro_cols = 4;
#elif defined(__AVX2__)
constexpr int micro_rows = 3, micro_cols = 1;
#else
constexpr int micro_rows = 1, micro_cols = 1;
#endif
// y rows per cache block: at most 256 KiB of them, a quarter of a Zen 4/5 or Skylake-SP L2.
constexpr std::size_t block_bytes = 256 * 1024;

inline Vector load(const double* p) {
  Vector v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline Vector absolute(Vector v) {
  VectorBits magnitude = {};
  magnitude = ~magnitude >> 1;
  return reinterpret_cast<Vector>(reinterpret_cast<VectorBits>(v) & magnitude);
}

// The fixed reduction order of the eight lanes.
inline double lane_sum(const Vector* parts) {
  double lane[lane_count];
  std::memcpy(lane, parts, sizeof lane);
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

// tile[i · ld + j] = scale · ‖x_i − y_j‖₁ for the MR rows at x (stride p) and NR rows at y.
template <int MR, int NR>
void micro_tile(const double* x, const double* y, int p, double scale, double* tile, int ld) {
  Vector sums[MR][NR][vectors] = {};
  int k = 0;
  for (; k + lane_count <= p; k += lane_count) {
    for (int v = 0; v < vectors; ++v) {
      Vector xs[MR], ys[NR];
      for (int i = 0; i < MR; ++i) xs[i] = load(x + static_cast<std::ptrdiff_t>(i) * p + k + v * width);
      for (int j = 0; j < NR; ++j) ys[j] = load(y + static_cast<std::ptrdiff_t>(j) * p + k + v * width);
      for (int i = 0; i < MR; ++i)
        for (int j = 0; j < NR; ++j) sums[i][j][v] += absolute(xs[i] - ys[j]);
    }
  }
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NR; ++j) {
      double sum = lane_sum(sums[i][j]);
      for (int t = k; t < p; ++t)
        sum += std::abs(x[static_cast<std::ptrdiff_t>(i) * p + t] - y[static_cast<std::ptrdiff_t>(j) * p + t]);
      tile[static_cast<std::ptrdiff_t>(i) * ld + j] = scale * sum;
    }
  }
}

}  // namespace

void l1_distance_tile(const double* a, int rows_a, const double* b, int rows_b, int p, double scale, double* tile) {
  const int block_rows = std::max(micro_cols, static_cast<int>(block_bytes / (sizeof(double) * std::max(1, p))));
  const auto row = [p](const double* base, int r) { return base + static_cast<std::ptrdiff_t>(r) * p; };
  for (int j0 = 0; j0 < rows_b; j0 += block_rows) {
    const int j_end = std::min(rows_b, j0 + block_rows);
    const int j_full = j0 + (j_end - j0) / micro_cols * micro_cols;
    for (int i = 0; i < rows_a; i += micro_rows) {
      double* out = tile + static_cast<std::ptrdiff_t>(i) * rows_b;
      if (i + micro_rows <= rows_a) {
        for (int j = j0; j < j_full; j += micro_cols)
          micro_tile<micro_rows, micro_cols>(row(a, i), row(b, j), p, scale, out + j, rows_b);
        for (int j = j_full; j < j_end; ++j) micro_tile<micro_rows, 1>(row(a, i), row(b, j), p, scale, out + j, rows_b);
        continue;
      }
      for (int r = i; r < rows_a; ++r)
        for (int j = j0; j < j_end; ++j)
          micro_tile<1, 1>(row(a, r), row(b, j), p, scale, tile + static_cast<std::ptrdiff_t>(r) * rows_b + j, rows_b);
    }
  }
}

}  // namespace hykal::kernels
