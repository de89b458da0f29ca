#include "hykal/descriptors/power_spectrum.hpp"

#include <cmath>

namespace hykal::descriptors {

PowerSpectrum::PowerSpectrum(int n_species, int n_max, int l_max)
    : n_species_(n_species), n_max_(n_max), l_max_(l_max) {
  const int sn = n_species * n_max;
  feature_count_ = sn * (sn + 1) / 2 * (l_max + 1);
  for (int l = 0; l <= l_max; ++l) prefactor_.push_back(M_PI * std::sqrt(8.0 / (2.0 * l + 1.0)));
}

void PowerSpectrum::evaluate(const double* coefficients, double* features) const {
  for_each_feature([&](int a, int b, int l, int n, int n2, int feature) {
    const double* x = coefficients + coefficient_index(a, l, n);
    const double* y = coefficients + coefficient_index(b, l, n2);
    double sum = 0.0;
    for (int m = 0; m < 2 * l + 1; ++m) sum += x[m] * y[m];
    features[feature] = prefactor_[l] * sum;
  });
}

}  // namespace hykal::descriptors
