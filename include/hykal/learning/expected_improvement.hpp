#pragma once
// Expected improvement over the best value so far, for minimisation (Jones, Schonlau & Welch
// 1998, eq. 15): with mean μ(x) and standard deviation σ(x) of the surrogate,
//   EI(x) = (f* − μ) Φ(z) + σ φ(z),   z = (f* − μ) / σ,
//   ∂EI/∂x = −Φ(z) ∂μ/∂x + φ(z) ∂σ/∂x,   ∂σ/∂x = (∂σ²/∂x) / (2σ).
// Where σ vanishes (an observed point) EI is max(f* − μ, 0).
#include "hykal/learning/gaussian_process.hpp"

#include <Eigen/Dense>

namespace hykal::learning {

// EI at x; fills gradient (∂EI/∂x) if it is not null.
double expected_improvement(const GaussianProcess& surrogate, double best_value, const Eigen::VectorXd& x,
                            Eigen::VectorXd* gradient);

}  // namespace hykal::learning
