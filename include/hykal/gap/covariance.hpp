#pragma once
// The covariance functions of GAP's sub-models (METHOD.md §7), without the δ² scale:
//  - squared exponential (two-body; gap_fit's ard_se): k(q, x) = exp(−|q − x|²/(2θ²));
//  - normalised dot product (SOAP; gap_fit's dot_product with zeta): k(q, x) = (q̂ · x̂)^ζ.
// Sparse points are held as the covariance uses them (prepared(): unit length for the dot
// product), one per row of an M × p matrix.
#include <Eigen/Core>

#include <memory>
#include <string>

namespace hykal::gap {

struct Contraction {
  double value = 0.0;        // Σ_m w_m k(q, x_m)
  Eigen::VectorXd gradient;  // ∂/∂q of value
};

class Covariance {
 public:
  virtual ~Covariance() = default;
  virtual std::string name() const = 0;     // as in the model file
  virtual double parameter() const = 0;     // θ (Å) or ζ
  // A descriptor q in the form stored as a sparse point.
  virtual Eigen::VectorXd prepared(const Eigen::VectorXd& q) const = 0;
  // k(q, x_m) for every row x_m of sparse (length M).
  virtual Eigen::VectorXd values(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const = 0;
  // ∂k(q, x_m)/∂q as column m of a p × M matrix.
  virtual Eigen::MatrixXd gradients(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const = 0;
  // Σ_m w_m k(q, x_m) and its gradient in q (length p), without the p × M matrix of
  // gradients(): what a prediction needs, with w the coefficients α.
  virtual Contraction contracted(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse,
                                 const Eigen::VectorXd& weights) const = 0;
};

class SquaredExponentialCovariance : public Covariance {
 public:
  explicit SquaredExponentialCovariance(double theta);
  std::string name() const override { return "squared_exponential"; }
  double parameter() const override { return theta_; }
  Eigen::VectorXd prepared(const Eigen::VectorXd& q) const override { return q; }
  Eigen::VectorXd values(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const override;
  Eigen::MatrixXd gradients(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const override;
  Contraction contracted(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse,
                         const Eigen::VectorXd& weights) const override;

 private:
  double theta_;
};

class DotProductCovariance : public Covariance {
 public:
  explicit DotProductCovariance(int zeta);
  std::string name() const override { return "dot_product"; }
  double parameter() const override { return zeta_; }
  Eigen::VectorXd prepared(const Eigen::VectorXd& q) const override;
  Eigen::VectorXd values(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const override;
  Eigen::MatrixXd gradients(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse) const override;
  Contraction contracted(const Eigen::VectorXd& q, const Eigen::MatrixXd& sparse,
                         const Eigen::VectorXd& weights) const override;

 private:
  int zeta_;
};

// The covariance called `name` in the model file and the settings; InputError naming `key` for
// an unknown name or a parameter out of range.
std::unique_ptr<Covariance> make_covariance(const std::string& name, double parameter, const std::string& key);

}  // namespace hykal::gap
