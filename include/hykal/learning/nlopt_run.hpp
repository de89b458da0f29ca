#pragma once
// Running an NLopt optimiser whose objective remembers the best point it has seen (both inner
// optimisations of the Bayesian optimiser do): NLopt reports a roundoff-limited end or a stalled
// line search as an exception, which for us only means "stop here, keep the best point seen".
// Our own errors thrown from inside the objective still propagate.
#include <nlopt.hpp>

#include <vector>

namespace hykal::learning {

void run_keeping_best_seen(nlopt::opt& optimiser, std::vector<double>& x);

}  // namespace hykal::learning
