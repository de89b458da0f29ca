#include "hykal/gap/covariance.hpp"

#include "hykal/error.hpp"

#include <cmath>

namespace hykal::gap {

SquaredExponentialCovariance::SquaredExponentialCovariance(double theta) : theta_(theta) {
  HYKAL_ASSERT(theta > 0.0, "θ = " + std::to_string(theta));
}

Eigen::VectorXd SquaredExponentialCovariance::values(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const {
  const Eigen::VectorXd squared = (sparse.rowwise() - q.transpose()).rowwise().squaredNorm();
  return (-squared / (2.0 * theta_ * theta_)).array().exp();
}

Eigen::MatrixXd SquaredExponentialCovariance::gradients(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const {
  // ∂k/∂q = −(q − x)/θ² · k
  const Eigen::VectorXd k = values(q, sparse);
  Eigen::MatrixXd gradient = (sparse.rowwise() - q.transpose()).transpose();  // columns x_m − q
  return gradient * (k / (theta_ * theta_)).asDiagonal();
}

Contraction SquaredExponentialCovariance::contracted(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse,
                                                     const Eigen::VectorXd& weights) const {
  // Σ_m w_m k_m (x_m − q)/θ² = (Xᵀ(w∘k) − q Σ_m w_m k_m)/θ².
  const Eigen::VectorXd weighted = weights.cwiseProduct(values(q, sparse));
  const double value = weighted.sum();
  return {value, (sparse.transpose() * weighted - value * q) / (theta_ * theta_)};
}

DotProductCovariance::DotProductCovariance(int zeta) : zeta_(zeta) {
  HYKAL_ASSERT(zeta >= 1, "ζ = " + std::to_string(zeta));
}

Eigen::VectorXd DotProductCovariance::prepared(const Eigen::VectorXd& q) const {
  const double norm = q.norm();
  return norm > 0.0 ? Eigen::VectorXd(q / norm) : q;
}

Eigen::VectorXd DotProductCovariance::values(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const {
  const Eigen::VectorXd cosines = sparse * prepared(q);
  return cosines.unaryExpr([this](double s) { return std::pow(s, zeta_); });
}

Eigen::MatrixXd DotProductCovariance::gradients(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const {
  // ∂(q̂·x̂)/∂q = (x̂ − (q̂·x̂) q̂)/|q|, so ∂k/∂q = ζ s^(ζ−1) (x̂ − s q̂)/|q| with s = q̂·x̂.
  const double norm = q.norm();
  if (norm == 0.0) return Eigen::MatrixXd::Zero(q.size(), sparse.rows());
  const Eigen::VectorXd unit = q / norm;
  const Eigen::VectorXd cosines = sparse * unit;
  Eigen::MatrixXd gradient = sparse.transpose() - unit * cosines.transpose();
  const Eigen::VectorXd factor =
      cosines.unaryExpr([this, norm](double s) { return zeta_ * std::pow(s, zeta_ - 1) / norm; });
  return gradient * factor.asDiagonal();
}

Contraction DotProductCovariance::contracted(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse,
                                             const Eigen::VectorXd& weights) const {
  // With f_m = w_m ζ s_m^(ζ−1)/|q|: Σ_m f_m (x̂_m − s_m q̂) = X̂ᵀf − (s·f) q̂.
  const double norm = q.norm();
  if (norm == 0.0) return {weights.cwiseProduct(values(q, sparse)).sum(), Eigen::VectorXd::Zero(q.size())};
  const Eigen::VectorXd unit = q / norm;
  const Eigen::VectorXd cosines = sparse * unit;
  Eigen::VectorXd factor(cosines.size());
  double value = 0.0;
  for (Eigen::Index m = 0; m < cosines.size(); ++m) {
    const double power = std::pow(cosines[m], zeta_ - 1);
    value += weights[m] * power * cosines[m];
    factor[m] = weights[m] * zeta_ * power / norm;
  }
  return {value, sparse.transpose() * factor - cosines.dot(factor) * unit};
}

std::unique_ptr<Covariance> make_covariance(const std::string& name, double parameter, const std::string& key) {
  if (name == "squared_exponential") {
    if (!(parameter > 0.0)) throw InputError(key + ": the length θ must be positive, got " + std::to_string(parameter));
    return std::make_unique<SquaredExponentialCovariance>(parameter);
  }
  if (name == "dot_product") {
    if (!(parameter >= 1.0) || parameter != std::floor(parameter)) {
      throw InputError(key + ": ζ must be a positive integer, got " + std::to_string(parameter));
    }
    return std::make_unique<DotProductCovariance>(static_cast<int>(parameter));
  }
  throw InputError(key + ": unknown covariance '" + name + "' (squared_exponential, dot_product)");
}

}  // namespace hykal::gap
