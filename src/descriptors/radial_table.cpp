#include "hykal/descriptors/radial_table.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace hykal::descriptors {
namespace {

constexpr int n_coefficients = RadialTable::degree + 1;
using PowerTable = std::array<std::array<double, n_coefficients>, n_coefficients>;

// Monomial coefficients of the Chebyshev polynomials: T_k(t) = sum_j power[k][j] t^j.
PowerTable chebyshev_powers() {
  PowerTable power{};
  power[0][0] = 1.0;
  power[1][1] = 1.0;
  for (int k = 1; k + 1 < n_coefficients; ++k)
    for (int j = 0; j < n_coefficients; ++j)
      power[k + 1][j] = (j > 0 ? 2.0 * power[k][j - 1] : 0.0) - power[k - 1][j];
  return power;
}

}  // namespace

RadialTable::RadialTable(const RadialIntegrals& f, int n_functions, double r_max, double spacing)
    : n_functions_(n_functions),
      r_max_(r_max),
      spacing_(spacing),
      n_intervals_(std::max(1, static_cast<int>(std::ceil(r_max / spacing)))),
      coefficients_(static_cast<std::size_t>(n_intervals_) * n_coefficients * n_functions, 0.0),
      at_zero_(n_functions) {
  HYKAL_ASSERT(spacing > 0.0 && r_max > 0.0, "radial table needs a positive range and spacing");
  const PowerTable power = chebyshev_powers();
  // Chebyshev nodes of the first kind and T_k at those nodes.
  std::array<double, n_coefficients> node{};
  PowerTable t_at_node{};
  for (int j = 0; j < n_coefficients; ++j) {
    node[j] = std::cos(M_PI * (j + 0.5) / n_coefficients);
    for (int k = 0; k < n_coefficients; ++k) t_at_node[k][j] = std::cos(k * M_PI * (j + 0.5) / n_coefficients);
  }
  std::vector<double> samples(static_cast<std::size_t>(n_coefficients) * n_functions);
  std::vector<double> chebyshev(n_functions);
  for (int interval = 0; interval < n_intervals_; ++interval) {
    const double start = interval * spacing_;
    for (int j = 0; j < n_coefficients; ++j)
      f(start + 0.5 * spacing_ * (node[j] + 1.0), &samples[static_cast<std::size_t>(j) * n_functions]);
    double* block = &coefficients_[static_cast<std::size_t>(interval) * n_coefficients * n_functions];
    for (int k = 0; k < n_coefficients; ++k) {
      // Discrete Chebyshev transform: c_k = (2 - [k=0]) / N sum_j f(t_j) T_k(t_j).
      const double factor = (k == 0 ? 1.0 : 2.0) / n_coefficients;
      for (int i = 0; i < n_functions; ++i) {
        double c = 0.0;
        for (int j = 0; j < n_coefficients; ++j) c += samples[static_cast<std::size_t>(j) * n_functions + i] * t_at_node[k][j];
        chebyshev[i] = factor * c;
      }
      for (int p = 0; p <= k; ++p)
        for (int i = 0; i < n_functions; ++i) block[p * n_functions + i] += power[k][p] * chebyshev[i];
    }
  }
  f(0.0, at_zero_.data());
}

namespace {

// Horner's rule for n_functions polynomials of degree RadialTable::degree in t (coefficients
// [power][function]), over chunks of functions held in registers: one store per value instead of
// one per power (the loop is bound by memory traffic otherwise). With the derivative, the same
// pass also gives dp/dt, scaled by dt_dr: the exact derivative of the interpolant, so that forces
// are consistent with the energies to rounding.
template <bool with_derivative>
void horner(const double* block, int n_functions, double t, double dt_dr, double* out, double* derivative) {
  constexpr int degree = RadialTable::degree;
  constexpr int chunk = 8;
  int i = 0;
  for (; i + chunk <= n_functions; i += chunk) {
    double value[chunk], slope[chunk] = {};
    for (int j = 0; j < chunk; ++j) value[j] = block[degree * n_functions + i + j];
    for (int p = degree - 1; p >= 0; --p)
      for (int j = 0; j < chunk; ++j) {
        if constexpr (with_derivative) slope[j] = slope[j] * t + value[j];
        value[j] = value[j] * t + block[p * n_functions + i + j];
      }
    for (int j = 0; j < chunk; ++j) out[i + j] = value[j];
    if constexpr (with_derivative)
      for (int j = 0; j < chunk; ++j) derivative[i + j] = slope[j] * dt_dr;
  }
  for (; i < n_functions; ++i) {
    double value = block[degree * n_functions + i], slope = 0.0;
    for (int p = degree - 1; p >= 0; --p) {
      if constexpr (with_derivative) slope = slope * t + value;
      value = value * t + block[p * n_functions + i];
    }
    out[i] = value;
    if constexpr (with_derivative) derivative[i] = slope * dt_dr;
  }
}

}  // namespace

const double* RadialTable::locate(double r, double& t) const {
  const int interval = std::min(static_cast<int>(r / spacing_), n_intervals_ - 1);
  t = 2.0 * (r - interval * spacing_) / spacing_ - 1.0;
  return &coefficients_[static_cast<std::size_t>(interval) * n_coefficients * n_functions_];
}

void RadialTable::evaluate(double r, double* out) const {
  double t = 0.0;
  const double* block = locate(r, t);
  horner<false>(block, n_functions_, t, 0.0, out, nullptr);
}

void RadialTable::evaluate_with_derivative(double r, double* out, double* derivative) const {
  double t = 0.0;
  const double* block = locate(r, t);
  horner<true>(block, n_functions_, t, 2.0 / spacing_, out, derivative);
}

}  // namespace hykal::descriptors
