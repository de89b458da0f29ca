#include "hykal/learning/bayesian_optimiser.hpp"

#include "hykal/error.hpp"
#include "hykal/learning/expected_improvement.hpp"
#include "hykal/learning/gaussian_process.hpp"
#include "hykal/learning/latin_hypercube.hpp"
#include "hykal/learning/surrogate_fit.hpp"

#include "hykal/learning/nlopt_run.hpp"

#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hykal::learning {
namespace {

// Share of the EI candidates drawn around the best point rather than uniformly, and their spread
// in the unit cube: local candidates let the optimiser pin an optimum down to the last digits.
const double local_candidate_share = 0.2;
const double local_candidate_spread = 0.05;

struct SurrogateData {
  Eigen::MatrixXd points;
  Eigen::VectorXd targets;
};

void append(SurrogateData& data, const Eigen::VectorXd& point, double target) {
  const Eigen::Index n = data.points.rows();
  data.points.conservativeResize(n + 1, point.size());
  data.points.row(n) = point.transpose();
  data.targets.conservativeResize(n + 1);
  data.targets(n) = target;
}

std::size_t finished_count(const std::vector<Evaluation>& evaluations) {
  return static_cast<std::size_t>(std::count_if(evaluations.begin(), evaluations.end(),
                                                [](const Evaluation& e) { return e.outcome != Outcome::pending; }));
}

// Finished evaluations, failures at the worst finite value (none if no value is finite yet).
SurrogateData observed_data(const std::vector<Evaluation>& evaluations, Eigen::Index dimension) {
  SurrogateData data{Eigen::MatrixXd(0, dimension), Eigen::VectorXd(0)};
  double worst = -std::numeric_limits<double>::infinity();
  for (const Evaluation& e : evaluations)
    if (e.outcome == Outcome::value) worst = std::max(worst, e.value);
  if (!std::isfinite(worst)) return data;
  for (const Evaluation& e : evaluations) {
    if (e.outcome == Outcome::value) append(data, e.unit, e.value);
    if (e.outcome == Outcome::failed) append(data, e.unit, worst);
  }
  return data;
}

struct AcquisitionProblem {
  const GaussianProcess& surrogate;
  double best_value;
  double best_ei = -1.0;
  Eigen::VectorXd best_point;
};

double acquisition_objective(const std::vector<double>& x, std::vector<double>& gradient, void* data) {
  auto& problem = *static_cast<AcquisitionProblem*>(data);
  const Eigen::Map<const Eigen::VectorXd> point(x.data(), static_cast<Eigen::Index>(x.size()));
  Eigen::VectorXd g;
  const double ei = expected_improvement(problem.surrogate, problem.best_value, point, gradient.empty() ? nullptr : &g);
  if (!gradient.empty()) Eigen::Map<Eigen::VectorXd>(gradient.data(), g.size()) = g;
  if (ei > problem.best_ei) {
    problem.best_ei = ei;
    problem.best_point = point;
  }
  return ei;
}

// Bounded L-BFGS on EI from start; returns (EI, point) of the best point seen.
std::pair<double, Eigen::VectorXd> refine(const GaussianProcess& surrogate, double best_value, const Eigen::VectorXd& start) {
  const auto d = static_cast<unsigned>(start.size());
  AcquisitionProblem problem{surrogate, best_value, -1.0, start};
  nlopt::opt optimiser(nlopt::LD_LBFGS, d);
  optimiser.set_lower_bounds(0.0);
  optimiser.set_upper_bounds(1.0);
  optimiser.set_max_objective(acquisition_objective, &problem);
  optimiser.set_xtol_abs(1e-9);
  optimiser.set_maxeval(100);
  std::vector<double> x(start.data(), start.data() + start.size());
  run_keeping_best_seen(optimiser, x);
  return {problem.best_ei, problem.best_point};
}

}  // namespace

BayesianOptimiser::BayesianOptimiser(SearchSpace space, BayesianOptimiserSettings settings)
    : space_(std::move(space)), settings_(settings), random_(settings.seed) {
  HYKAL_ASSERT(settings_.n_initial >= 1, "the initial design needs at least one point");
  const auto d = static_cast<Eigen::Index>(space_.dimension());
  state_.design = latin_hypercube(static_cast<Eigen::Index>(settings_.n_initial), d, random_);
  for (Eigen::Index i = 0; i < state_.design.rows(); ++i)
    state_.design.row(i) = space_.snap(state_.design.row(i).transpose()).transpose();
}

BayesianOptimiser::BayesianOptimiser(SearchSpace space, BayesianOptimiserSettings settings,
                                     BayesianOptimiserState state)
    : space_(std::move(space)), settings_(settings), state_(std::move(state)), random_(settings.seed) {
  const auto d = static_cast<Eigen::Index>(space_.dimension());
  if (state_.design.rows() != static_cast<Eigen::Index>(settings_.n_initial) || state_.design.cols() != d)
    throw InputError("saved Bayesian-optimisation state has a " + std::to_string(state_.design.rows()) + " × " +
                     std::to_string(state_.design.cols()) + " initial design, but this run asks for " +
                     std::to_string(settings_.n_initial) + " × " + std::to_string(d));
  random_.restore(state_.random_state);
}

BayesianOptimiserState BayesianOptimiser::state() const {
  BayesianOptimiserState copy = state_;
  copy.random_state = random_.state();
  return copy;
}

std::vector<Proposal> BayesianOptimiser::propose(std::size_t count) {
  std::vector<Proposal> proposals;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t id = state_.evaluations.size();
    Evaluation e;
    e.unit = next_point();
    state_.evaluations.push_back(e);
    proposals.push_back(Proposal{id, space_.to_values(e.unit)});
  }
  return proposals;
}

Evaluation& BayesianOptimiser::pending_evaluation(std::size_t id) {
  HYKAL_ASSERT(id < state_.evaluations.size(), "no proposal " + std::to_string(id));
  Evaluation& e = state_.evaluations[id];
  HYKAL_ASSERT(e.outcome == Outcome::pending, "proposal " + std::to_string(id) + " already has a result");
  return e;
}

void BayesianOptimiser::record_value(std::size_t id, double value) {
  HYKAL_ASSERT(std::isfinite(value), "a non-finite value is a failure: use record_failure");
  Evaluation& e = pending_evaluation(id);
  e.outcome = Outcome::value;
  e.value = value;
}

void BayesianOptimiser::record_failure(std::size_t id) { pending_evaluation(id).outcome = Outcome::failed; }

std::optional<std::pair<Proposal, double>> BayesianOptimiser::best() const {
  std::optional<std::pair<Proposal, double>> best;
  for (std::size_t id = 0; id < state_.evaluations.size(); ++id) {
    const Evaluation& e = state_.evaluations[id];
    if (e.outcome == Outcome::value && (!best || e.value < best->second))
      best = std::make_pair(Proposal{id, space_.to_values(e.unit)}, e.value);
  }
  return best;
}

bool BayesianOptimiser::already_proposed(const Eigen::VectorXd& unit) const {
  return std::any_of(state_.evaluations.begin(), state_.evaluations.end(),
                     [&](const Evaluation& e) { return (e.unit - unit).lpNorm<Eigen::Infinity>() < 1e-12; });
}

Eigen::VectorXd BayesianOptimiser::random_point() {
  Eigen::VectorXd u(static_cast<Eigen::Index>(space_.dimension()));
  for (Eigen::Index i = 0; i < u.size(); ++i) u(i) = random_.uniform();
  return space_.snap(u);
}

void BayesianOptimiser::refit_surrogate_if_new_results() {
  const std::size_t finished = finished_count(state_.evaluations);
  if (state_.surrogate_hyperparameters.size() > 0 && finished == state_.surrogate_observations) return;
  const SurrogateData data = observed_data(state_.evaluations, static_cast<Eigen::Index>(space_.dimension()));
  std::optional<Matern52Hyperparameters> warm_start;
  if (state_.surrogate_hyperparameters.size() > 0) warm_start = Matern52Hyperparameters{state_.surrogate_hyperparameters};
  state_.surrogate_hyperparameters =
      fit_surrogate(data.points, data.targets, warm_start, settings_.surrogate_random_starts, random_).log_values;
  state_.surrogate_observations = finished;
}

Eigen::VectorXd BayesianOptimiser::next_point() {
  const std::size_t id = state_.evaluations.size();
  if (id < static_cast<std::size_t>(state_.design.rows())) return state_.design.row(static_cast<Eigen::Index>(id)).transpose();
  SurrogateData data = observed_data(state_.evaluations, static_cast<Eigen::Index>(space_.dimension()));
  if (data.targets.size() == 0) return random_point();  // nothing finite to model yet
  refit_surrogate_if_new_results();
  const Matern52Hyperparameters h{state_.surrogate_hyperparameters};
  // Kriging believer: pending proposals, in order, as observations at the surrogate's mean.
  for (const Evaluation& e : state_.evaluations)
    if (e.outcome == Outcome::pending)
      append(data, e.unit, GaussianProcess(data.points, data.targets, h).predict(e.unit, false).mean);
  return maximise_expected_improvement(data.points, data.targets);
}

Eigen::VectorXd BayesianOptimiser::maximise_expected_improvement(const Eigen::MatrixXd& points,
                                                                  const Eigen::VectorXd& targets) {
  const GaussianProcess surrogate(points, targets, Matern52Hyperparameters{state_.surrogate_hyperparameters});
  Eigen::Index incumbent = 0;
  const double best_value = targets.minCoeff(&incumbent);
  const auto d = static_cast<Eigen::Index>(space_.dimension());

  // Screening: candidates and their EI.
  const std::size_t n_candidates = settings_.expected_improvement_candidates;
  const auto n_local = static_cast<std::size_t>(local_candidate_share * static_cast<double>(n_candidates));
  std::vector<Eigen::VectorXd> candidates(n_candidates, Eigen::VectorXd(d));
  std::vector<double> scores(n_candidates);
  for (std::size_t c = 0; c < n_candidates; ++c) {
    for (Eigen::Index i = 0; i < d; ++i)
      candidates[c](i) = c < n_local ? std::clamp(points(incumbent, i) + local_candidate_spread * random_.normal(), 0.0, 1.0)
                                     : random_.uniform();
    scores[c] = expected_improvement(surrogate, best_value, candidates[c], nullptr);
  }
  std::vector<std::size_t> order(n_candidates);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

  // Refinement of the best few; then the best refined point that is new once snapped.
  std::vector<std::pair<double, Eigen::VectorXd>> optima;
  const std::size_t n_starts = std::min(settings_.expected_improvement_local_starts, n_candidates);
  for (std::size_t s = 0; s < n_starts; ++s) optima.push_back(refine(surrogate, best_value, candidates[order[s]]));
  std::stable_sort(optima.begin(), optima.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& optimum : optima) {
    const Eigen::VectorXd snapped = space_.snap(optimum.second);
    if (!already_proposed(snapped)) return snapped;
  }
  for (std::size_t c : order) {
    const Eigen::VectorXd snapped = space_.snap(candidates[c]);
    if (!already_proposed(snapped)) return snapped;
  }
  return random_point();
}

}  // namespace hykal::learning
