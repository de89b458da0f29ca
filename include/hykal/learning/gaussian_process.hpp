#pragma once
// The surrogate of the Bayesian optimiser: a Gaussian-process posterior with the Matérn-5/2 ARD
// prior and a constant mean, conditioned on observations in the unit cube (Rasmussen & Williams
// 2006, Algorithm 2.1). Targets are standardised (mean 0, standard deviation 1) before
// conditioning, so that the hyperparameter bounds mean the same for every objective; predictions
// come back in the targets' units. The predicted variance is that of the latent function (no
// noise term): the quantity expected improvement needs.
#include "hykal/learning/matern52_kernel.hpp"

#include <Eigen/Dense>

namespace hykal::learning {

// y ↦ (y − mean) / scale, with scale the standard deviation (1 if the targets are all equal).
struct Standardisation {
  explicit Standardisation(const Eigen::VectorXd& targets);
  double mean = 0.0;
  double scale = 1.0;
};

// Cholesky factor of K + σ_n² I; if rounding makes it indefinite, a jitter growing tenfold from
// 1e-10 s² is added until it factorises (points nearly on top of each other).
void factorise_covariance(const Eigen::MatrixXd& noisy_covariance, double signal_variance,
                          Eigen::LLT<Eigen::MatrixXd>& cholesky);

class GaussianProcess {
 public:
  // points: n × d, one observation per row; targets: n values.
  GaussianProcess(Eigen::MatrixXd points, const Eigen::VectorXd& targets, const Matern52Hyperparameters& h);

  struct Prediction {
    double mean = 0.0;
    double variance = 0.0;
    Eigen::VectorXd mean_gradient;      // ∂mean/∂x (only if asked for)
    Eigen::VectorXd variance_gradient;  // ∂variance/∂x (only if asked for)
  };
  Prediction predict(const Eigen::VectorXd& x, bool with_gradient) const;

 private:
  Eigen::MatrixXd points_;
  Standardisation standardisation_;
  Matern52Kernel kernel_;
  Eigen::LLT<Eigen::MatrixXd> cholesky_;
  Eigen::VectorXd weights_;  // (K + σ_n² I)⁻¹ y, standardised targets
};

}  // namespace hykal::learning
