#include "hykal/kernels/pairwise_metric.hpp"

#include "hykal/error.hpp"

#include <cmath>
#include <cstddef>
#include <string>

extern "C" void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

namespace hykal::kernels {

namespace {

double integer_power(double base, int exponent) {
  double result = 1.0;
  for (; exponent > 0; exponent >>= 1) {
    if (exponent & 1) result *= base;
    base *= base;
  }
  return result;
}

// tile = a bᵀ (row-major). In column-major terms tileᵀ = b aᵀ: m = rows_b, n = rows_a.
void gram_tile(const double* a, int rows_a, const double* b, int rows_b, int n_features, double* tile) {
  const double one = 1.0;
  const double zero = 0.0;
  dgemm_("T", "N", &rows_b, &rows_a, &n_features, &one, b, &n_features, a, &n_features, &zero, tile, &rows_b);
}

// ‖x − y‖₁ with eight independent partial sums: a single running sum is bound by the latency of
// the floating-point add (and cannot be vectorised without reassociation); eight lanes let the
// compiler pipeline and vectorise the loop. The summation order is fixed, so results do not
// depend on the number of ranks.
double l1_distance(const double* x, const double* y, int n) {
  double lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; ++l) lane[l] += std::abs(x[k + l] - y[k + l]);
  double sum = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
  for (; k < n; ++k) sum += std::abs(x[k] - y[k]);
  return sum;
}

void laplacian_tile(double gamma, const double* a, int rows_a, const double* b, int rows_b, int n_features,
                    double* tile) {
  for (int i = 0; i < rows_a; ++i) {
    const double* x = a + static_cast<std::size_t>(i) * n_features;
    for (int j = 0; j < rows_b; ++j) {
      const double* y = b + static_cast<std::size_t>(j) * n_features;
      tile[static_cast<std::size_t>(i) * rows_b + j] = std::exp(-gamma * l1_distance(x, y, n_features));
    }
  }
}

}  // namespace

void check(const PairwiseMetric& metric) {
  if (!std::isfinite(metric.gamma)) throw SettingError("gamma", "must be a finite number or auto");
  if (metric.type != MetricType::polynomial) return;
  if (metric.degree < 1)
    throw SettingError("degree", "must be a positive integer, got " + std::to_string(metric.degree));
  if (!std::isfinite(metric.coef0) || metric.coef0 < 0.0) throw SettingError("coef0", "must be finite and >= 0");
  if (!std::isfinite(std::pow(metric.gamma, metric.degree)))
    throw SettingError("gamma", "γ^d overflows in double precision (γ = " + std::to_string(metric.gamma) +
                                    ", d = " + std::to_string(metric.degree) + ")");
}

PairwiseMetric resolved(const PairwiseMetric& metric, int n_features) {
  check(metric);
  PairwiseMetric result = metric;
  if (result.gamma <= 0.0) result.gamma = 1.0 / static_cast<double>(n_features);
  return result;
}

void evaluate_tile(const PairwiseMetric& metric, const double* a, int rows_a, const double* b, int rows_b,
                   int n_features, double* tile) {
  if (metric.type == MetricType::laplacian) {
    laplacian_tile(metric.gamma, a, rows_a, b, rows_b, n_features, tile);
    return;
  }
  gram_tile(a, rows_a, b, rows_b, n_features, tile);
  const std::size_t count = static_cast<std::size_t>(rows_a) * static_cast<std::size_t>(rows_b);
  const double gamma = metric.gamma;
  const double coef0 = metric.coef0;
  if (metric.degree == 4) {  // the default: two squarings, kept branch-free for vectorisation
    for (std::size_t e = 0; e < count; ++e) {
      const double base = gamma * tile[e] + coef0;
      const double square = base * base;
      tile[e] = square * square;
    }
    return;
  }
  for (std::size_t e = 0; e < count; ++e) tile[e] = integer_power(gamma * tile[e] + coef0, metric.degree);
}

}  // namespace hykal::kernels
