#pragma once
// The pairwise kernels k(x, y) of METHOD.md §2, as scikit-learn's pairwise_kernels defines them
// (DScribe's AverageKernel passes them through; fixtures/dscribe/CONVENTIONS.md §7):
//   polynomial: (γ x·y + c0)^d        laplacian: exp(−γ ‖x − y‖₁)
// γ ≤ 0 means "auto": 1 / (number of features), scikit-learn's default for gamma=None.
namespace hykal::kernels {

enum class MetricType { polynomial, laplacian };

struct PairwiseMetric {
  MetricType type = MetricType::polynomial;
  double gamma = 0.0;  // ≤ 0: auto, 1 / n_features
  int degree = 4;      // polynomial only
  double coef0 = 1.0;  // polynomial only
};

// SettingError naming the quantity (gamma, degree, coef0) when a value is invalid: γ not finite
// or so large that γ^d overflows, d < 1, c0 negative or not finite.
void check(const PairwiseMetric& metric);

// The checked metric with gamma resolved for rows of n_features values.
PairwiseMetric resolved(const PairwiseMetric& metric, int n_features);

// tile (rows_a × rows_b, row-major, leading dimension rows_b) = k(a_i, b_j) for the row-major
// blocks a (rows_a × n_features) and b (rows_b × n_features). Polynomial: one DGEMM then the
// elementwise power; laplacian: direct L1 loops. `metric` must be resolved.
void evaluate_tile(const PairwiseMetric& metric, const double* a, int rows_a, const double* b, int rows_b,
                   int n_features, double* tile);

}  // namespace hykal::kernels
