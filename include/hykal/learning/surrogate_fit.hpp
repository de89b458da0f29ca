#pragma once
// Type-II maximum likelihood for the surrogate: the Matérn-5/2 hyperparameters
// θ = (ln s², ln l_1 … ln l_d, ln σ_n²) that maximise the log marginal likelihood of the
// standardised targets (Rasmussen & Williams 2006, eqs. 2.30 and 5.9):
//   ln p(y|X,θ) = −½ yᵀα − Σ_i ln L_ii − (n/2) ln 2π,   α = K⁻¹y,  K = LLᵀ,
//   ∂ln p/∂θ_j  = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j).
// The reference (GPyOpt) samples θ by MCMC; a multi-start maximum is the usual cheaper choice and
// what the issue asks for. Each start is a bounded L-BFGS run (NLopt LD_LBFGS): the previous
// optimum (warm start) if there is one, plus random points of the box. The box keeps the GP
// sensible on the unit cube with standardised targets: s² ∈ [0.05, 20], l ∈ [0.02, 20],
// σ_n² ∈ [1e-8, 1].
#include "hykal/learning/matern52_kernel.hpp"
#include "hykal/learning/random_stream.hpp"

#include <Eigen/Dense>

#include <optional>

namespace hykal::learning {

// ln p(y|X,θ) for standardised targets; fills gradient (size d + 2) if it is not null.
double log_marginal_likelihood(const Eigen::MatrixXd& points, const Eigen::VectorXd& standardised_targets,
                               const Matern52Hyperparameters& h, Eigen::VectorXd* gradient);

// The n × n matrices of one evaluation, kept between the many evaluations of a fit (allocating
// them afresh each time costs more than the arithmetic at n ≈ 100).
struct LikelihoodWorkspace {
  Eigen::MatrixXd covariance, radial, inverse;
  Eigen::LLT<Eigen::MatrixXd> cholesky;
};
double log_marginal_likelihood(const Eigen::MatrixXd& points, const Eigen::VectorXd& standardised_targets,
                               const Matern52Hyperparameters& h, Eigen::VectorXd* gradient,
                               LikelihoodWorkspace& workspace);

// The box of the header comment, as lower and upper bounds of θ for d input dimensions.
Eigen::VectorXd lower_hyperparameter_bounds(Eigen::Index dimension);
Eigen::VectorXd upper_hyperparameter_bounds(Eigen::Index dimension);

// Maximises ln p over the box from the warm start (if any) and n_random_starts random points;
// returns the best θ found. targets are raw (standardised here).
Matern52Hyperparameters fit_surrogate(const Eigen::MatrixXd& points, const Eigen::VectorXd& targets,
                                      const std::optional<Matern52Hyperparameters>& warm_start,
                                      int n_random_starts, RandomStream& random);

}  // namespace hykal::learning
