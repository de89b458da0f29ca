#include "hykal/descriptors/modified_spherical_bessel.hpp"

#include <cmath>

namespace hykal::descriptors {
namespace {

// exp(-x) i_l(x) = exp(l ln x - ln (2l+1)!! - x) sum_k t_k, t_0 = 1,
// t_k = t_{k-1} (x^2/2) / (k (2l + 2k + 1)): all terms positive, no cancellation.
double scaled_series(int l, double x) {
  double log_double_factorial = 0.0;
  for (int j = 1; j <= l; ++j) log_double_factorial += std::log(2.0 * j + 1.0);
  const double half_x2 = 0.5 * x * x;
  double term = 1.0, sum = 1.0;
  for (int k = 1; term > 1e-17 * sum; ++k) {
    term *= half_x2 / (k * (2.0 * l + 2.0 * k + 1.0));
    sum += term;
  }
  return std::exp(l * std::log(x) - log_double_factorial - x) * sum;
}

}  // namespace

void scaled_modified_spherical_bessel(int l_max, double x, double* values) {
  if (x == 0.0) {
    values[0] = 1.0;
    for (int l = 1; l <= l_max; ++l) values[l] = 0.0;
    return;
  }
  // e^{-x} i_0 = (1 - e^{-2x}) / (2x), written with expm1 to keep small x accurate.
  values[0] = -std::expm1(-2.0 * x) / (2.0 * x);
  if (l_max == 0) return;
  // Upward recurrence i_{l+1} = i_{l-1} - (2l+1)/x i_l amplifies errors only mildly while
  // l < x; the factor 2 leaves a margin.
  const bool upward = x > 2.0 * l_max + 4.0;
  if (upward) {
    values[1] = (1.0 + std::exp(-2.0 * x)) / (2.0 * x) - values[0] / x;
    for (int l = 1; l < l_max; ++l) values[l + 1] = values[l - 1] - (2.0 * l + 1.0) / x * values[l];
    return;
  }
  values[l_max] = scaled_series(l_max, x);
  values[l_max - 1] = scaled_series(l_max - 1, x);
  for (int l = l_max - 1; l >= 2; --l) values[l - 1] = values[l + 1] + (2.0 * l + 1.0) / x * values[l];
}

}  // namespace hykal::descriptors
