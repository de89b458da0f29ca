#pragma once
// The Matérn-5/2 covariance with automatic relevance determination (one length scale per input
// dimension), the surrogate's prior (Rasmussen & Williams 2006, eq. 4.17):
//   k(x, x') = s² (1 + √5 r + 5r²/3) exp(−√5 r),   r² = Σ_i (x_i − x'_i)² / l_i².
// Its derivatives, used for the marginal-likelihood gradient and the expected-improvement
// gradient, all go through the radial factor
//   g(r) = (5/3) s² (1 + √5 r) exp(−√5 r):
//   ∂k/∂x_i = −g (x_i − x'_i) / l_i²,   ∂k/∂ln l_i = g (x_i − x'_i)² / l_i²,   ∂k/∂ln s² = k.
//
// The hyperparameters are kept as one vector of logarithms θ = (ln s², ln l_1 … ln l_d, ln σ_n²)
// (σ_n² the noise variance), the coordinates in which they are fitted and checkpointed.
// Points are rows (of the observation matrix, or a transposed vector), taken by reference.
#include <Eigen/Dense>

#include <cmath>

namespace hykal::learning {

using PointRef = Eigen::Ref<const Eigen::RowVectorXd, 0, Eigen::InnerStride<>>;

struct Matern52Hyperparameters {
  Eigen::VectorXd log_values;  // (ln s², ln l_1 … ln l_d, ln σ_n²), size d + 2

  Eigen::Index dimension() const { return log_values.size() - 2; }
  double signal_variance() const { return std::exp(log_values(0)); }
  double noise_variance() const { return std::exp(log_values(log_values.size() - 1)); }
};

class Matern52Kernel {
 public:
  explicit Matern52Kernel(const Matern52Hyperparameters& h);

  double scaled_distance(PointRef a, PointRef b) const;  // r
  double value_at(double r) const;                       // k as a function of r
  double radial_factor_at(double r) const;               // g(r)
  double value(PointRef a, PointRef b) const { return value_at(scaled_distance(a, b)); }
  // Adds weight · ∂k(a, b)/∂a to gradient.
  void add_gradient(PointRef a, PointRef b, double weight, Eigen::VectorXd& gradient) const;
  // The noise-free covariance matrix of the rows of points.
  Eigen::MatrixXd matrix(const Eigen::MatrixXd& points) const;

  const Eigen::RowVectorXd& inverse_squared_lengths() const { return inverse_squared_lengths_; }
  double signal_variance() const { return signal_variance_; }

 private:
  double signal_variance_;
  Eigen::RowVectorXd inverse_squared_lengths_;  // 1 / l_i²
};

}  // namespace hykal::learning
