#pragma once
// Batch Bayesian optimisation (minimisation) over a SearchSpace, the tuner of the GAP
// hyperparameters (METHOD.md §6 step 2). Our own, small: the authors' GPyOpt is archived Python.
//  - Proposals 0 … n_initial − 1 are a Latin hypercube (space-filling initial design).
//  - Later proposals maximise expected improvement under a Matérn-5/2 ARD Gaussian process whose
//    hyperparameters are refitted (type-II maximum likelihood, multi-start) once per batch.
//  - A batch of q proposals is built by the kriging believer (Ginsbourger, Le Riche & Carraro
//    2010): each pending proposal (asked for, no result yet) enters the surrogate with its own
//    predicted mean as a pretend observation, which flattens EI there, and the next proposal
//    maximises EI of that surrogate.
//  - A failed evaluation enters the surrogate with the worst value observed so far, so the
//    optimiser steers away from it without being told a number that does not exist.
//  - EI is maximised in the unit cube: random candidates (uniform, and Gaussian perturbations of
//    the best point) screen for the most promising starts, each refined by bounded L-BFGS
//    (NLopt LD_LBFGS) on the continuous relaxation; the winner is snapped (integers rounded).
//    A snapped point equal to one already proposed is skipped for the next best.
//
// Everything random comes from one RandomStream seeded by settings.seed, and the whole state
// (design, every proposal and its outcome, the last surrogate hyperparameters, the random-stream
// state) can be taken out and put back: a restored optimiser proposes exactly what the original
// would have. The optimiser is serial and MPI-free: the learning loop runs it on rank 0 and
// broadcasts the proposals, so they do not depend on the number of ranks.
#include "hykal/learning/random_stream.hpp"
#include "hykal/learning/search_space.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hykal::learning {

struct BayesianOptimiserSettings {
  std::size_t n_initial = 30;         // Latin-hypercube points before the surrogate takes over
  std::uint64_t seed = 0;
  int surrogate_random_starts = 3;    // besides the warm start from the previous fit
  std::size_t expected_improvement_candidates = 1000;
  std::size_t expected_improvement_local_starts = 5;
};

enum class Outcome { pending = 0, value = 1, failed = 2 };

struct Evaluation {
  Eigen::VectorXd unit;  // snapped point in the unit cube
  Outcome outcome = Outcome::pending;
  double value = 0.0;    // meaningful if outcome is value
};

// What a checkpoint needs to restore an optimiser. evaluations[id] is proposal id.
struct BayesianOptimiserState {
  Eigen::MatrixXd design;                  // n_initial × d, unit cube, snapped
  std::vector<Evaluation> evaluations;
  Eigen::VectorXd surrogate_hyperparameters;  // θ of the last surrogate fit; empty before it
  std::size_t surrogate_observations = 0;     // finished evaluations that fit saw
  std::string random_state;
};

struct Proposal {
  std::size_t id = 0;
  std::vector<double> values;  // ordered as the search space's parameters
};

class BayesianOptimiser {
 public:
  BayesianOptimiser(SearchSpace space, BayesianOptimiserSettings settings);
  // Resumes from a saved state (same space and settings as when it was saved).
  BayesianOptimiser(SearchSpace space, BayesianOptimiserSettings settings, BayesianOptimiserState state);

  std::vector<Proposal> propose(std::size_t count);
  void record_value(std::size_t id, double value);  // value must be finite
  void record_failure(std::size_t id);

  // The best finite value so far, if any.
  std::optional<std::pair<Proposal, double>> best() const;
  const SearchSpace& space() const { return space_; }
  const std::vector<Evaluation>& evaluations() const { return state_.evaluations; }
  BayesianOptimiserState state() const;

 private:
  Eigen::VectorXd next_point();
  Eigen::VectorXd random_point();
  Eigen::VectorXd maximise_expected_improvement(const Eigen::MatrixXd& points, const Eigen::VectorXd& targets);
  void refit_surrogate_if_new_results();
  bool already_proposed(const Eigen::VectorXd& unit) const;
  Evaluation& pending_evaluation(std::size_t id);

  SearchSpace space_;
  BayesianOptimiserSettings settings_;
  BayesianOptimiserState state_;
  RandomStream random_;
};

}  // namespace hykal::learning
