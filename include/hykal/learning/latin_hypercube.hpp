#pragma once
// The space-filling initial design of the Bayesian optimiser: a Latin hypercube of n points in
// the unit cube (McKay, Beckman & Conover 1979). Each axis is cut into n equal strata and every
// stratum holds exactly one point; the strata are matched across axes by independent random
// permutations and each point lies uniformly inside its stratum. Our own few lines (no Debian
// C++ library offers one).
#include "hykal/learning/random_stream.hpp"

#include <Eigen/Dense>

namespace hykal::learning {

// n × dimension, one point per row.
Eigen::MatrixXd latin_hypercube(Eigen::Index n, Eigen::Index dimension, RandomStream& random);

}  // namespace hykal::learning
