// GTO radial basis of DScribe (CONVENTIONS.md §2.1) and its radial integrals.
#include "hykal/descriptors/extended_precision_lowdin.hpp"
#include "hykal/descriptors/radial_basis.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <memory>

namespace hykal::descriptors {

GtoBasis gto_basis(double r_cut, int n_max, int l_max) {
  GtoBasis basis;
  basis.alpha.resize(l_max + 1, n_max);
  // a_k = linspace(1, r_cut, n_max); alpha_kl = (ln 1000 + l ln a_k) / a_k^2 makes
  // a_k^l exp(-alpha a_k^2) = 0.001.
  for (int k = 0; k < n_max; ++k) {
    const double a = n_max == 1 ? 1.0 : 1.0 + (r_cut - 1.0) * k / (n_max - 1);
    for (int l = 0; l <= l_max; ++l)
      basis.alpha(l, k) = -std::log(0.001 / std::pow(a, l)) / (a * a);
  }
  // S_kk' = 0.5 Gamma(l + 3/2) (alpha_k + alpha_k')^{-(l + 3/2)}; Gamma(l + 3/2) by recurrence
  // from Gamma(3/2) = sqrt(pi)/2.
  ExtendedFloat gamma = sqrt(boost::math::constants::pi<ExtendedFloat>()) / 2;
  for (int l = 0; l <= l_max; ++l) {
    if (l > 0) gamma *= ExtendedFloat(l) + ExtendedFloat(1) / 2;
    ExtendedMatrix s(n_max);
    const ExtendedFloat exponent = ExtendedFloat(l) + ExtendedFloat(3) / 2;
    for (int i = 0; i < n_max; ++i)
      for (int j = 0; j < n_max; ++j)
        s(i, j) = gamma / 2 *
                  pow(ExtendedFloat(basis.alpha(l, i)) + ExtendedFloat(basis.alpha(l, j)), -exponent);
    const ExtendedMatrix beta = inverse_square_root(s);
    Eigen::MatrixXd b(n_max, n_max);
    for (int i = 0; i < n_max; ++i)
      for (int j = 0; j < n_max; ++j) b(i, j) = static_cast<double>(beta(i, j));
    basis.beta.push_back(b);
  }
  return basis;
}

// Over all space, Gaussian product and mean-value property of solid harmonics (§2.1):
// I_nl(r) = sum_k beta_nk (pi/(alpha+eta))^{3/2} (eta/(alpha+eta))^l r^l exp(-alpha eta r^2/(alpha+eta)).
RadialIntegrals gto_radial_integrals(const SoapSettings& settings) {
  auto basis = std::make_shared<GtoBasis>(gto_basis(settings.r_cut, settings.n_max, settings.l_max));
  const int n_max = settings.n_max, l_max = settings.l_max;
  const double eta = 1.0 / (2.0 * settings.sigma * settings.sigma);
  return [basis, n_max, l_max, eta](double r, double* out) {
    std::vector<double> primitive(n_max);
    for (int l = 0; l <= l_max; ++l) {
      for (int k = 0; k < n_max; ++k) {
        const double alpha = basis->alpha(l, k), sum = alpha + eta;
        primitive[k] = std::pow(M_PI / sum, 1.5) * std::pow(eta / sum * r, l) *
                       std::exp(-alpha * eta * r * r / sum);
      }
      for (int n = 0; n < n_max; ++n) {
        double value = 0.0;
        for (int k = 0; k < n_max; ++k) value += basis->beta[l](n, k) * primitive[k];
        out[l * n_max + n] = value;
      }
    }
  };
}

}  // namespace hykal::descriptors
