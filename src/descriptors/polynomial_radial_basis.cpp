// Polynomial radial basis of DScribe (CONVENTIONS.md §2.2) and its radial integrals.
#include "hykal/descriptors/extended_precision_lowdin.hpp"
#include "hykal/descriptors/gauss_legendre.hpp"
#include "hykal/descriptors/modified_spherical_bessel.hpp"
#include "hykal/descriptors/radial_basis.hpp"

#include <cmath>
#include <memory>

namespace hykal::descriptors {
namespace {

// DScribe's fixed quadrature order for the polynomial basis.
constexpr int quadrature_points = 100;

// S_kk' = ∫_0^rc r^2 (rc-r)^{k+2} (rc-r)^{k'+2} dr = 2 rc^{7+k+k'} / ((5+k+k')(6+k+k')(7+k+k')).
ExtendedMatrix polynomial_overlap(const ExtendedFloat& r_cut, int n_max) {
  ExtendedMatrix s(n_max);
  for (int i = 0; i < n_max; ++i)
    for (int j = 0; j < n_max; ++j) {
      const int k = i + j + 2;  // k + k' with k, k' counted from 1
      s(i, j) = 2 * pow(r_cut, 7 + k) / ExtendedFloat((5 + k) * (6 + k) * (7 + k));
    }
  return s;
}

}  // namespace

PolynomialBasis polynomial_basis(double r_cut, int n_max) {
  const ExtendedFloat rc = r_cut;
  const ExtendedMatrix beta = inverse_square_root(polynomial_overlap(rc, n_max));
  const QuadratureRule rule = gauss_legendre(quadrature_points);

  PolynomialBasis basis;
  basis.beta.resize(n_max, n_max);
  for (int i = 0; i < n_max; ++i)
    for (int j = 0; j < n_max; ++j) basis.beta(i, j) = static_cast<double>(beta(i, j));
  basis.radii.resize(quadrature_points);
  basis.weights.resize(quadrature_points);
  basis.values.resize(n_max, quadrature_points);
  for (int q = 0; q < quadrature_points; ++q) {
    basis.radii[q] = r_cut * (rule.nodes[q] + 1.0) / 2.0;
    basis.weights[q] = r_cut / 2.0 * rule.weights[q];
    // g_n sums terms of alternating sign up to 1e8 times larger than g_n: evaluate in 50 digits.
    const ExtendedFloat gap = rc - ExtendedFloat(basis.radii[q]);
    std::vector<ExtendedFloat> primitive(n_max);
    for (int k = 0; k < n_max; ++k) primitive[k] = pow(gap, k + 3);
    for (int n = 0; n < n_max; ++n) {
      ExtendedFloat g = 0;
      for (int k = 0; k < n_max; ++k) g += beta(n, k) * primitive[k];
      basis.values(n, q) = static_cast<double>(g);
    }
  }
  return basis;
}

// I_nl(r) = 4 pi sum_q (rc/2) w_q r_q^2 g_n(r_q) exp(-eta (r_q^2 + r^2)) i_l(2 eta r_q r),
// the Gaussian's angular integral done analytically (CONVENTIONS.md §2.2). At r = 0 this is the
// centre-atom term sqrt(4 pi) sum_q ... exp(-eta r_q^2) once multiplied by Y_00 = 1/sqrt(4 pi).
RadialIntegrals polynomial_radial_integrals(const SoapSettings& settings) {
  const PolynomialBasis basis = polynomial_basis(settings.r_cut, settings.n_max);
  const int n_max = settings.n_max, l_max = settings.l_max;
  const double eta = 1.0 / (2.0 * settings.sigma * settings.sigma);
  // weight_nq = 4 pi (rc/2) w_q r_q^2 g_n(r_q): everything that does not depend on r.
  auto weight = std::make_shared<Eigen::MatrixXd>(n_max, quadrature_points);
  for (int q = 0; q < quadrature_points; ++q)
    weight->col(q) = 4.0 * M_PI * basis.weights[q] * basis.radii[q] * basis.radii[q] *
                     basis.values.col(q);
  const Eigen::VectorXd radii = basis.radii;
  return [weight, radii, n_max, l_max, eta](double r, double* out) {
    std::vector<double> bessel(l_max + 1);
    for (int i = 0; i < (l_max + 1) * n_max; ++i) out[i] = 0.0;
    for (int q = 0; q < quadrature_points; ++q) {
      const double rq = radii[q];
      // exp(-eta (rq^2 + r^2)) i_l(2 eta rq r) = exp(-eta (rq - r)^2) e^{-x} i_l(x).
      const double gaussian = std::exp(-eta * (rq - r) * (rq - r));
      scaled_modified_spherical_bessel(l_max, 2.0 * eta * rq * r, bessel.data());
      for (int l = 0; l <= l_max; ++l) {
        const double angular = gaussian * bessel[l];
        for (int n = 0; n < n_max; ++n) out[l * n_max + n] += (*weight)(n, q) * angular;
      }
    }
  };
}

}  // namespace hykal::descriptors
