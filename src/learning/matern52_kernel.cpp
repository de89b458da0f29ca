#include "hykal/learning/matern52_kernel.hpp"

namespace hykal::learning {
namespace {
const double sqrt5 = std::sqrt(5.0);
}

Matern52Kernel::Matern52Kernel(const Matern52Hyperparameters& h)
    : signal_variance_(h.signal_variance()),
      inverse_squared_lengths_((-2.0 * h.log_values.segment(1, h.dimension())).array().exp().matrix().transpose()) {}

double Matern52Kernel::scaled_distance(PointRef a, PointRef b) const {
  return std::sqrt(((a - b).array().square() * inverse_squared_lengths_.array()).sum());
}

double Matern52Kernel::value_at(double r) const {
  return signal_variance_ * (1.0 + sqrt5 * r + 5.0 * r * r / 3.0) * std::exp(-sqrt5 * r);
}

double Matern52Kernel::radial_factor_at(double r) const {
  return 5.0 / 3.0 * signal_variance_ * (1.0 + sqrt5 * r) * std::exp(-sqrt5 * r);
}

void Matern52Kernel::add_gradient(PointRef a, PointRef b, double weight, Eigen::VectorXd& gradient) const {
  const double factor = -weight * radial_factor_at(scaled_distance(a, b));
  gradient += factor * ((a - b).array() * inverse_squared_lengths_.array()).matrix().transpose();
}

Eigen::MatrixXd Matern52Kernel::matrix(const Eigen::MatrixXd& points) const {
  const Eigen::Index n = points.rows();
  Eigen::MatrixXd k(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = j; i < n; ++i) k(i, j) = k(j, i) = value(points.row(i), points.row(j));
  return k;
}

}  // namespace hykal::learning
