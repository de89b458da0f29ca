#include "hykal/learning/gaussian_process.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>

namespace hykal::learning {

Standardisation::Standardisation(const Eigen::VectorXd& targets) {
  HYKAL_ASSERT(targets.size() > 0, "no targets");
  mean = targets.mean();
  const double variance = (targets.array() - mean).square().mean();
  scale = variance > 0.0 ? std::sqrt(variance) : 1.0;
}

void factorise_covariance(const Eigen::MatrixXd& noisy_covariance, double signal_variance,
                          Eigen::LLT<Eigen::MatrixXd>& cholesky) {
  cholesky.compute(noisy_covariance);
  const Eigen::Index n = noisy_covariance.rows();
  for (double jitter = 1e-10 * signal_variance; cholesky.info() != Eigen::Success; jitter *= 10.0) {
    HYKAL_ASSERT(jitter < signal_variance, "covariance matrix is not positive definite even with jitter");
    cholesky.compute(noisy_covariance + jitter * Eigen::MatrixXd::Identity(n, n));
  }
}

GaussianProcess::GaussianProcess(Eigen::MatrixXd points, const Eigen::VectorXd& targets,
                                 const Matern52Hyperparameters& h)
    : points_(std::move(points)), standardisation_(targets), kernel_(h) {
  HYKAL_ASSERT(points_.rows() == targets.size(), "one target per point");
  HYKAL_ASSERT(points_.cols() == h.dimension(), "hyperparameters of another dimension");
  const Eigen::Index n = points_.rows();
  const Eigen::MatrixXd covariance = kernel_.matrix(points_) + h.noise_variance() * Eigen::MatrixXd::Identity(n, n);
  factorise_covariance(covariance, h.signal_variance(), cholesky_);
  weights_ = cholesky_.solve(((targets.array() - standardisation_.mean) / standardisation_.scale).matrix());
}

GaussianProcess::Prediction GaussianProcess::predict(const Eigen::VectorXd& x, bool with_gradient) const {
  const Eigen::Index n = points_.rows();
  const auto point = x.transpose();
  Eigen::VectorXd cross(n);  // k(x, x_j)
  for (Eigen::Index j = 0; j < n; ++j) cross(j) = kernel_.value(point, points_.row(j));
  const Eigen::VectorXd solved = cholesky_.solve(cross);  // K⁻¹ k(x)
  const double scale = standardisation_.scale;

  Prediction p;
  p.mean = standardisation_.mean + scale * cross.dot(weights_);
  p.variance = std::max(0.0, scale * scale * (kernel_.signal_variance() - cross.dot(solved)));
  if (with_gradient) {
    p.mean_gradient = Eigen::VectorXd::Zero(x.size());
    p.variance_gradient = Eigen::VectorXd::Zero(x.size());
    for (Eigen::Index j = 0; j < n; ++j) {
      kernel_.add_gradient(point, points_.row(j), scale * weights_(j), p.mean_gradient);
      kernel_.add_gradient(point, points_.row(j), -2.0 * scale * scale * solved(j), p.variance_gradient);
    }
  }
  return p;
}

}  // namespace hykal::learning
