#include "hykal/gap/equispaced_gaussian_basis.hpp"

#include "hykal/descriptors/modified_spherical_bessel.hpp"
#include "hykal/error.hpp"

#include <Eigen/Cholesky>

#include <cmath>
#include <memory>
#include <vector>

namespace hykal::gap {

namespace {

// gap_fit's basis_error_exponent: the basis reaches until a Gaussian atom at rc is down to 1e-10.
constexpr double basis_error_exponent = 10.0;

// ∫_0^∞ exp(−α (s − r_a)² − α (s − r_b)²) s² ds. With β = 2α and m = (r_a + r_b)/2 the integrand
// is exp(−α (r_a − r_b)²/2) exp(−β (s − m)²) s², and
// ∫_0^∞ exp(−β (s − m)²) s² ds = (1/(4β) + m²/2) √(π/β) (1 + erf(m √β)) + m exp(−β m²)/(2β).
double gaussian_overlap(double alpha, double r_a, double r_b) {
  const double beta = 2.0 * alpha, m = 0.5 * (r_a + r_b);
  const double centred = (0.25 / beta + 0.5 * m * m) * std::sqrt(M_PI / beta) * (1.0 + std::erf(m * std::sqrt(beta))) +
                         m * std::exp(-beta * m * m) / (2.0 * beta);
  return std::exp(-0.5 * alpha * (r_a - r_b) * (r_a - r_b)) * centred;
}

}  // namespace

EquispacedGaussianBasis equispaced_gaussian_basis(double cutoff, int n_max, double atom_sigma) {
  HYKAL_ASSERT(n_max >= 1 && cutoff > 0.0 && atom_sigma > 0.0, "equispaced Gaussian basis settings");
  EquispacedGaussianBasis basis;
  basis.alpha = 0.5 / (atom_sigma * atom_sigma);
  const double spacing = (cutoff + atom_sigma * std::sqrt(2.0 * basis_error_exponent * std::log(10.0))) / n_max;
  basis.radii = Eigen::VectorXd::LinSpaced(n_max, 0.0, spacing * (n_max - 1));
  Eigen::MatrixXd interpolation(n_max, n_max);
  basis.overlap.resize(n_max, n_max);
  for (int a = 0; a < n_max; ++a)
    for (int b = 0; b < n_max; ++b) {
      const double d = basis.radii[a] - basis.radii[b];
      interpolation(a, b) = std::exp(-basis.alpha * d * d);
      basis.overlap(a, b) = gaussian_overlap(basis.alpha, basis.radii[a], basis.radii[b]);
    }
  const Eigen::LLT<Eigen::MatrixXd> factor(basis.overlap);
  HYKAL_ASSERT(factor.info() == Eigen::Success, "overlap of the equispaced Gaussians not positive definite");
  const Eigen::MatrixXd lower = factor.matrixL();
  basis.transform = interpolation.llt().solve(lower);
  return basis;
}

descriptors::RadialIntegrals equispaced_gaussian_radial_functions(double cutoff, int n_max, int l_max,
                                                                  double atom_sigma) {
  auto basis = std::make_shared<const EquispacedGaussianBasis>(equispaced_gaussian_basis(cutoff, n_max, atom_sigma));
  return [basis, n_max, l_max](double r, double* out) {
    // ρ_l(r_a; r) = exp(−α (r − r_a)²) · exp(−x) i_l(x) with x = 2 α r r_a: the scaled Bessel
    // function keeps large x finite.
    Eigen::MatrixXd density(l_max + 1, n_max);
    std::vector<double> scaled(static_cast<std::size_t>(l_max) + 1);
    for (int a = 0; a < n_max; ++a) {
      const double r_a = basis->radii[a];
      descriptors::scaled_modified_spherical_bessel(l_max, 2.0 * basis->alpha * r * r_a, scaled.data());
      const double gaussian = std::exp(-basis->alpha * (r - r_a) * (r - r_a));
      for (int l = 0; l <= l_max; ++l) density(l, a) = gaussian * scaled[static_cast<std::size_t>(l)];
    }
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(out, l_max + 1, n_max) =
        density * basis->transform;
  };
}

}  // namespace hykal::gap
