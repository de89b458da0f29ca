#pragma once
// DScribe's two radial bases and their radial integrals (CONVENTIONS.md §2).
//
// For a neighbour at distance r from the centre, the radial integral I_nl(r) is the part of the
// expansion coefficient that depends on r alone:  c^Z_nlm = sum_{i in Z} I_nl(|r_i|) Y_lm(r̂_i).
// Both bases reduce to this form (Gaussian product / mean-value theorem for gto, analytic angular
// integral for polynomial), so the rest of SOAP — tabulation, harmonics, coefficients, power
// spectrum — is shared, and gradients for GAP need only dI/dr from here.
#include "hykal/descriptors/soap_settings.hpp"

#include <Eigen/Core>

#include <functional>
#include <vector>

namespace hykal::descriptors {

// Writes I_nl(r) for l = 0 … l_max, n = 0 … n_max-1 to out[l * n_max + n].
using RadialIntegrals = std::function<void(double r, double* out)>;

// Polynomial basis (§2.2): primitives (r_cut - r)^{k+2}, k = 1 … n_max, orthonormalised on
// [0, r_cut] with beta = S^{-1/2} computed in 50 digits (§2.3), sampled at DScribe's 100
// Gauss–Legendre nodes r_q = r_cut (x_q + 1)/2.
struct PolynomialBasis {
  Eigen::MatrixXd beta;    // n_max × n_max, g_n = sum_k beta_nk phi_k
  Eigen::VectorXd radii;   // r_q, Å
  Eigen::VectorXd weights; // (r_cut/2) w_q
  Eigen::MatrixXd values;  // g_n(r_q), n_max × 100, evaluated in 50 digits then rounded
};
PolynomialBasis polynomial_basis(double r_cut, int n_max);

// GTO basis (§2.1): primitives r^l exp(-alpha_kl r^2), l-dependent Löwdin orthonormalisation.
struct GtoBasis {
  Eigen::MatrixXd alpha;           // (l_max+1) × n_max, Å^-2
  std::vector<Eigen::MatrixXd> beta;  // per l, n_max × n_max
};
GtoBasis gto_basis(double r_cut, int n_max, int l_max);

// I_nl(r) of each basis, and of the one chosen in settings (settings must be validated()).
RadialIntegrals polynomial_radial_integrals(const SoapSettings& settings);
RadialIntegrals gto_radial_integrals(const SoapSettings& settings);
RadialIntegrals radial_integrals(const SoapSettings& settings);

}  // namespace hykal::descriptors
