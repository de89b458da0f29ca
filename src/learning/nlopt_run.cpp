#include "hykal/learning/nlopt_run.hpp"

#include "hykal/error.hpp"

namespace hykal::learning {

void run_keeping_best_seen(nlopt::opt& optimiser, std::vector<double>& x) {
  double value = 0.0;
  try {
    optimiser.optimize(x, value);
  } catch (const InternalError&) {
    throw;
  } catch (const std::runtime_error&) {
    // nlopt::roundoff_limited, or NLopt's generic failure of a line search that cannot progress.
  }
}

}  // namespace hykal::learning
