#pragma once
// gap_fit's radial basis of SOAP (its soap descriptor's default, EQUISPACED_GAUSS), the radial
// part of the GAP potential's neighbour densities (soap_term.hpp). Our own implementation of the
// published construction (GAP's descriptors.F90, soap_initialise and soap_calc); no Debian
// package provides it.
//
// With α = 1/(2 σ²) (σ = atom_sigma) the basis is n_max Gaussians g_a(r) = exp(−α (r − r_a)²) on
// the radii r_a = a h, a = 0 … n_max−1, h = (rc + σ √(2·10·ln 10))/n_max (the cutoff widened
// until a Gaussian atom at rc has decayed to 1e-10). The l-th angular channel of one Gaussian
// atom at distance r from the centre is, up to 4π, ρ_l(s; r) = exp(−α (s² + r²)) i_l(2 α s r)
// (i_l the modified spherical Bessel function). gap_fit interpolates ρ_l on the basis — weights
// w = C⁻¹ ρ_l(r_a; r) with C_ab = exp(−α (r_a − r_b)²) — and expresses the interpolant in an
// orthonormal basis of the same span under ∫_0^∞ f g s² ds: with the overlap S = L Lᵀ,
//   I_nl(r) = Σ_a (C⁻¹ L)_an ρ_l(r_a; r),
// so that Σ_n I_nl(r) I_nl(r') is the s²-weighted overlap of the two interpolated densities.
// Which orthonormal basis (which factor L) does not matter for the kernel: gap_fit's power
// spectrum sums over all ordered channel pairs (soap_term.hpp), which is invariant under any
// orthogonal change of the radial functions.
#include "hykal/descriptors/radial_basis.hpp"

#include <Eigen/Core>

namespace hykal::gap {

struct EquispacedGaussianBasis {
  double alpha = 0.0;          // 1/(2 σ²), Å⁻²
  Eigen::VectorXd radii;       // r_a, Å
  Eigen::MatrixXd overlap;     // S_ab = ∫_0^∞ g_a g_b s² ds, Å³
  Eigen::MatrixXd transform;   // C⁻¹ L, n_max × n_max
};
EquispacedGaussianBasis equispaced_gaussian_basis(double cutoff, int n_max, double atom_sigma);

// I_nl(r) for l = 0 … l_max, n = 0 … n_max−1 at out[l·n_max + n] (the radial table's layout),
// without the cutoff function, which the SOAP term applies.
descriptors::RadialIntegrals equispaced_gaussian_radial_functions(double cutoff, int n_max, int l_max,
                                                                  double atom_sigma);

}  // namespace hykal::gap
