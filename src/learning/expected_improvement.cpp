#include "hykal/learning/expected_improvement.hpp"

#include <cmath>

namespace hykal::learning {

double expected_improvement(const GaussianProcess& surrogate, double best_value, const Eigen::VectorXd& x,
                            Eigen::VectorXd* gradient) {
  const GaussianProcess::Prediction p = surrogate.predict(x, gradient != nullptr);
  const double sigma = std::sqrt(p.variance);
  const double gain = best_value - p.mean;
  if (sigma < 1e-12 * (1.0 + std::abs(best_value))) {
    if (gradient != nullptr) *gradient = gain > 0.0 ? Eigen::VectorXd(-p.mean_gradient) : Eigen::VectorXd::Zero(x.size());
    return std::max(gain, 0.0);
  }
  const double z = gain / sigma;
  const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
  const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
  if (gradient != nullptr) *gradient = -cdf * p.mean_gradient + pdf * p.variance_gradient / (2.0 * sigma);
  return gain * cdf + sigma * pdf;
}

}  // namespace hykal::learning
