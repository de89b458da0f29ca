#include "hykal/learning/surrogate_fit.hpp"

#include "hykal/error.hpp"
#include "hykal/learning/gaussian_process.hpp"

#include "hykal/learning/nlopt_run.hpp"

#include <nlopt.hpp>

#include <cmath>
#include <limits>
#include <vector>

namespace hykal::learning {
namespace {

const double pi = 3.14159265358979323846;

struct LikelihoodProblem {
  const Eigen::MatrixXd& points;
  const Eigen::VectorXd& targets;  // standardised
  double best_value = -std::numeric_limits<double>::infinity();
  Eigen::VectorXd best_theta;
  LikelihoodWorkspace workspace;
};

// NLopt maximises this; it also remembers the best point seen, so a start that ends in a
// roundoff-limited or failed state still contributes what it found.
double likelihood_objective(const std::vector<double>& theta, std::vector<double>& gradient, void* data) {
  auto& problem = *static_cast<LikelihoodProblem*>(data);
  Matern52Hyperparameters h{Eigen::Map<const Eigen::VectorXd>(theta.data(), static_cast<Eigen::Index>(theta.size()))};
  Eigen::VectorXd g;
  const double value =
      log_marginal_likelihood(problem.points, problem.targets, h, gradient.empty() ? nullptr : &g, problem.workspace);
  if (!gradient.empty()) Eigen::Map<Eigen::VectorXd>(gradient.data(), g.size()) = g;
  if (value > problem.best_value) {
    problem.best_value = value;
    problem.best_theta = h.log_values;
  }
  return value;
}

std::vector<double> as_std(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

}  // namespace

Eigen::VectorXd lower_hyperparameter_bounds(Eigen::Index dimension) {
  Eigen::VectorXd lower(dimension + 2);
  lower << std::log(0.05), Eigen::VectorXd::Constant(dimension, std::log(0.02)), std::log(1e-8);
  return lower;
}

Eigen::VectorXd upper_hyperparameter_bounds(Eigen::Index dimension) {
  Eigen::VectorXd upper(dimension + 2);
  upper << std::log(20.0), Eigen::VectorXd::Constant(dimension, std::log(20.0)), 0.0;
  return upper;
}

double log_marginal_likelihood(const Eigen::MatrixXd& points, const Eigen::VectorXd& y,
                               const Matern52Hyperparameters& h, Eigen::VectorXd* gradient) {
  LikelihoodWorkspace workspace;
  return log_marginal_likelihood(points, y, h, gradient, workspace);
}

double log_marginal_likelihood(const Eigen::MatrixXd& points, const Eigen::VectorXd& y,
                               const Matern52Hyperparameters& h, Eigen::VectorXd* gradient,
                               LikelihoodWorkspace& workspace) {
  const Eigen::Index n = points.rows();
  const Eigen::Index d = points.cols();
  const Matern52Kernel kernel(h);
  Eigen::MatrixXd& covariance = workspace.covariance;  // k(r_ij) + σ_n² δ_ij
  Eigen::MatrixXd& radial = workspace.radial;          // g(r_ij)
  covariance.resize(n, n);
  radial.resize(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = j; i < n; ++i) {
      const double r = kernel.scaled_distance(points.row(i), points.row(j));
      covariance(i, j) = covariance(j, i) = kernel.value_at(r);
      radial(i, j) = radial(j, i) = kernel.radial_factor_at(r);
    }
  covariance.diagonal().array() += h.noise_variance();
  factorise_covariance(covariance, h.signal_variance(), workspace.cholesky);
  const Eigen::VectorXd alpha = workspace.cholesky.solve(y);
  const double value = -0.5 * y.dot(alpha) - workspace.cholesky.matrixLLT().diagonal().array().log().sum() -
                       0.5 * static_cast<double>(n) * std::log(2.0 * pi);
  if (gradient == nullptr) return value;

  // W = ααᵀ − K⁻¹, built in place.
  Eigen::MatrixXd& w = workspace.inverse;
  w.setIdentity(n, n);
  workspace.cholesky.solveInPlace(w);
  w = alpha * alpha.transpose() - w;
  gradient->resize(d + 2);
  double signal = 0.0;  // Σ W_ij k(r_ij): the noise-free covariance is K − σ_n² I
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < n; ++i) signal += w(i, j) * covariance(i, j);
  signal -= h.noise_variance() * w.trace();
  (*gradient)(0) = 0.5 * signal;
  (*gradient)(d + 1) = 0.5 * h.noise_variance() * w.trace();
  for (Eigen::Index k = 0; k < d; ++k) {
    double sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < n; ++i) {
        const double delta = points(i, k) - points(j, k);
        sum += w(i, j) * radial(i, j) * delta * delta;
      }
    (*gradient)(1 + k) = 0.5 * sum * kernel.inverse_squared_lengths()(k);
  }
  return value;
}

Matern52Hyperparameters fit_surrogate(const Eigen::MatrixXd& points, const Eigen::VectorXd& targets,
                                      const std::optional<Matern52Hyperparameters>& warm_start,
                                      int n_random_starts, RandomStream& random) {
  const Eigen::Index d = points.cols();
  const Eigen::VectorXd lower = lower_hyperparameter_bounds(d);
  const Eigen::VectorXd upper = upper_hyperparameter_bounds(d);
  const Standardisation standardisation(targets);
  const Eigen::VectorXd y = (targets.array() - standardisation.mean) / standardisation.scale;

  std::vector<Eigen::VectorXd> starts;
  if (warm_start) starts.push_back(warm_start->log_values.cwiseMax(lower).cwiseMin(upper));
  for (int s = 0; s < n_random_starts; ++s) {
    Eigen::VectorXd theta(d + 2);
    for (Eigen::Index i = 0; i < d + 2; ++i) theta(i) = random.uniform(lower(i), upper(i));
    starts.push_back(theta);
  }
  HYKAL_ASSERT(!starts.empty(), "no start for the surrogate fit");

  LikelihoodProblem problem{points, y, -std::numeric_limits<double>::infinity(), starts.front(), {}};
  for (const Eigen::VectorXd& start : starts) {
    nlopt::opt optimiser(nlopt::LD_LBFGS, static_cast<unsigned>(d + 2));
    optimiser.set_lower_bounds(as_std(lower));
    optimiser.set_upper_bounds(as_std(upper));
    optimiser.set_max_objective(likelihood_objective, &problem);
    optimiser.set_ftol_rel(1e-9);
    optimiser.set_maxeval(200);
    std::vector<double> theta = as_std(start);
    run_keeping_best_seen(optimiser, theta);
  }
  return Matern52Hyperparameters{problem.best_theta};
}

}  // namespace hykal::learning
