// gap_fit's equispaced-Gaussian radial basis (gap/equispaced_gaussian_basis.hpp) against
// references computed here: the overlap by trapezoidal quadrature, the orthonormality of the
// functions ψ = L⁻¹ g it implies, and the interpolation property that defines the radial
// functions — Σ_n I_nl(r) ψ_n(r_b) equals the atom density's l-channel exp(−α (r_b² + r²))
// i_l(2 α r_b r) at every basis radius r_b, with i_l from Boost's cylindrical Bessel function
// (i_l(x) = √(π/(2x)) I_{l+1/2}(x)), not the code's scaled recurrence.
#include "hykal/gap/equispaced_gaussian_basis.hpp"

#include <boost/math/special_functions/bessel.hpp>
#include <catch2/catch.hpp>

#include <Eigen/Cholesky>

#include <cmath>
#include <vector>

namespace {

// The authors' AsTe3 settings (METHOD.md §7).
constexpr double cutoff = 4.91, atom_sigma = 0.4;
constexpr int n_max = 6, l_max = 5;

// g_a(s) for every a, as a column.
Eigen::VectorXd gaussians(const hykal::gap::EquispacedGaussianBasis& basis, double s) {
  return (-basis.alpha * (basis.radii.array() - s).square()).exp();
}

double density_channel(double alpha, int l, double s, double r) {
  const double x = 2.0 * alpha * s * r;
  const double bessel = x == 0.0 ? (l == 0 ? 1.0 : 0.0)
                                 : std::sqrt(M_PI / (2.0 * x)) * boost::math::cyl_bessel_i(l + 0.5, x);
  return std::exp(-alpha * (s * s + r * r)) * bessel;
}

}  // namespace

TEST_CASE("the overlap of the equispaced Gaussians equals quadrature and yields orthonormal functions", "[gap][soap]") {
  const auto basis = hykal::gap::equispaced_gaussian_basis(cutoff, n_max, atom_sigma);
  // gap_fit's radii: 0, h, …, 5h with h = (4.91 + 0.4 √(20 ln 10))/6 Å.
  CHECK(basis.radii[1] == Approx((cutoff + atom_sigma * std::sqrt(20.0 * std::log(10.0))) / n_max).epsilon(1e-14));
  CHECK(basis.radii[0] == 0.0);

  // Trapezoidal rule on [0, 12 Å], step 1e-3 Å: the integrand s² g_a g_b has zero slope at 0 and
  // is below 1e-60 at 12 Å, so the rule's error is far below the tolerances.
  const double step = 1e-3, end = 12.0;
  Eigen::MatrixXd overlap = Eigen::MatrixXd::Zero(n_max, n_max);
  const Eigen::LLT<Eigen::MatrixXd> factor(basis.overlap);
  const Eigen::MatrixXd lower = factor.matrixL();
  Eigen::MatrixXd orthonormality = Eigen::MatrixXd::Zero(n_max, n_max);
  for (double s = 0.0; s <= end + 0.5 * step; s += step) {
    const double weight = (s == 0.0 || s > end - 0.5 * step ? 0.5 : 1.0) * step * s * s;
    const Eigen::VectorXd g = gaussians(basis, s);
    overlap += weight * g * g.transpose();
    const Eigen::VectorXd psi = lower.triangularView<Eigen::Lower>().solve(g);
    orthonormality += weight * psi * psi.transpose();
  }
  CHECK((overlap - basis.overlap).cwiseAbs().maxCoeff() < 1e-7 * basis.overlap.cwiseAbs().maxCoeff());
  CHECK((orthonormality - Eigen::MatrixXd::Identity(n_max, n_max)).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("the radial functions are the orthonormal coefficients of the interpolated atom density", "[gap][soap]") {
  const auto basis = hykal::gap::equispaced_gaussian_basis(cutoff, n_max, atom_sigma);
  const auto radial = hykal::gap::equispaced_gaussian_radial_functions(cutoff, n_max, l_max, atom_sigma);
  const Eigen::LLT<Eigen::MatrixXd> factor(basis.overlap);
  const Eigen::MatrixXd lower = factor.matrixL();
  std::vector<double> values(static_cast<std::size_t>(n_max * (l_max + 1)));
  for (double r : {0.0, 0.37, 1.9, 2.71, 3.5, 4.6}) {
    radial(r, values.data());
    for (int l = 0; l <= l_max; ++l) {
      const Eigen::Map<const Eigen::VectorXd> coefficients(values.data() + l * n_max, n_max);
      for (int b = 0; b < n_max; ++b) {
        const Eigen::VectorXd psi = lower.triangularView<Eigen::Lower>().solve(gaussians(basis, basis.radii[b]));
        const double reference = density_channel(basis.alpha, l, basis.radii[b], r);
        INFO("r = " << r << " Å, l = " << l << ", r_b = " << basis.radii[b] << " Å");
        CHECK(coefficients.dot(psi) == Approx(reference).margin(1e-14).epsilon(1e-10));
      }
    }
  }
}
