#include "hykal/learning/active_learning.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/prediction_errors.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "hykal/parallel/gather_values.hpp"

#include <algorithm>
#include <cstdio>

namespace hykal::learning {
namespace {

std::string errors_text(const FitErrors& errors) {
  char text[96];
  std::snprintf(text, sizeof text, "E %.3f meV/atom, F %.4f eV/Å", 1000.0 * errors.energy_rmse, errors.force_rmse);
  return text;
}

std::size_t without_references(const std::vector<std::size_t>& set, const std::vector<IsolatedAtomFrame>& isolated) {
  return static_cast<std::size_t>(std::count_if(set.begin(), set.end(), [&](std::size_t frame) {
    return std::none_of(isolated.begin(), isolated.end(), [&](const IsolatedAtomFrame& f) { return f.frame == frame; });
  }));
}

std::size_t fits_of_iteration(const std::vector<FitRecord>& fits, std::size_t iteration) {
  return static_cast<std::size_t>(
      std::count_if(fits.begin(), fits.end(), [&](const FitRecord& f) { return f.iteration == iteration; }));
}

IterationSummary summarise_iteration(const std::vector<FitRecord>& fits, const FrameSampler& sampler,
                                     const LearningProblem& problem, std::size_t iteration) {
  IterationSummary summary;
  summary.iteration = iteration;
  summary.percent = sampler.percent(iteration);
  const FrameSets sets = sampler.sets(iteration);
  summary.n_train = without_references(sets.training, problem.isolated);
  summary.n_test = without_references(sets.test, problem.isolated);
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const FitRecord& f = fits[i];
    if (f.iteration != iteration || f.result.status != FitStatus::ok) continue;
    if (!summary.best_fit || f.result.errors.energy_rmse < fits[*summary.best_fit].result.errors.energy_rmse) summary.best_fit = i;
  }
  if (summary.best_fit) summary.best = fits[*summary.best_fit].result.errors;
  return summary;
}

// Rank 0's proposals (id, values) on every rank.
std::vector<Proposal> broadcast_proposals(const std::vector<Proposal>& proposals, std::size_t dimension, MPI_Comm world) {
  long long count = static_cast<long long>(proposals.size());
  MPI_Bcast(&count, 1, MPI_LONG_LONG, 0, world);
  const std::size_t width = dimension + 1;
  std::vector<double> flat(static_cast<std::size_t>(count) * width);
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    flat[i * width] = static_cast<double>(proposals[i].id);
    std::copy(proposals[i].values.begin(), proposals[i].values.end(), flat.begin() + static_cast<long>(i * width + 1));
  }
  MPI_Bcast(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, 0, world);
  std::vector<Proposal> all(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i].id = static_cast<std::size_t>(flat[i * width]);
    all[i].values.assign(flat.begin() + static_cast<long>(i * width + 1), flat.begin() + static_cast<long>((i + 1) * width));
  }
  return all;
}

// A frame's energy per atom and every stride-th force component, one-atom frames left out as in
// the RMSEs.
void add_parity_points(const io::Frame& frame, const gap::Prediction& prediction, ParityPoints& parity) {
  if (frame.n_atoms() < 2 || !frame.energy) return;
  const double n = static_cast<double>(frame.n_atoms());
  parity.reference_energy.push_back(*frame.energy / n);
  parity.predicted_energy.push_back(prediction.energy / n);
  if (!frame.has_forces()) return;
  for (Eigen::Index i = 0; i < frame.forces.size(); i += parity.force_stride) {
    parity.reference_force.push_back(frame.forces.data()[i]);
    parity.predicted_force.push_back(prediction.forces.data()[i]);
  }
}

class Loop {
 public:
  Loop(const LearningProblem& problem, const LoopSettings& settings, const FitGroups& groups, const util::Logger& logger,
       util::StageTimers& timers)
      : problem_(problem), settings_(settings), groups_(groups), logger_(logger), timers_(timers),
        sampler_(sampler_of(problem, settings, groups.world())) {
    MPI_Comm_rank(groups.world(), &rank_);
  }

  LearningOutcome run();

 private:
  static FrameSampler sampler_of(const LearningProblem& problem, const LoopSettings& settings, MPI_Comm world);
  std::size_t budget() const { return settings_.optimiser.n_initial + settings_.n_guided; }
  BayesianOptimiserSettings optimiser_settings(std::size_t iteration) const;
  void start_or_resume();
  void run_iteration(std::size_t iteration, bool restored);
  void fit_batch(BayesianOptimiser* optimiser, const FitFunction& fit, std::size_t iteration, std::size_t count);
  void write_state();
  void log_fit(const FitRecord& record) const;
  void final_potential(LearningOutcome& outcome);

  const LearningProblem& problem_;
  const LoopSettings& settings_;
  const FitGroups& groups_;
  const util::Logger& logger_;
  util::StageTimers& timers_;
  const FrameSampler sampler_;
  int rank_ = 0;
  LoopState state_;  // the optimiser's part is rank 0's
};

FrameSampler Loop::sampler_of(const LearningProblem& problem, const LoopSettings& settings, MPI_Comm world) {
  std::optional<FrameSampler> sampler;
  parallel::agree_on_input_errors(world, [&] {
    if (!(settings.e_tol > 0.0)) throw InputError("learning.e_tol must be > 0 eV/atom, got " + std::to_string(settings.e_tol));
    sampler.emplace(problem.clusters, problem.isolated, settings.schedule, settings.sampling, settings.sampling_seed);
  });
  return *sampler;
}

BayesianOptimiserSettings Loop::optimiser_settings(std::size_t iteration) const {
  BayesianOptimiserSettings s = settings_.optimiser;
  s.seed += iteration;  // each iteration searches afresh, on its own stream
  return s;
}

void Loop::write_state() {
  auto timer = timers_.scope("checkpoint");
  parallel::agree_on_input_errors(groups_.world(), [&] {
    if (rank_ == 0) write_checkpoint(settings_.checkpoint, settings_.signature, state_);
  });
}

void Loop::log_fit(const FitRecord& record) const {
  char head[160];
  std::snprintf(head, sizeof head, "iteration %zu, fit %zu/%zu (group %d, %.1f s): ", record.iteration, record.proposal + 1,
                budget(), record.result.group, record.result.seconds);
  const std::string outcome = record.result.status == FitStatus::ok
                                  ? errors_text(record.result.errors)
                                  : std::string(status_text(record.result.status)) + ": " + record.result.reason;
  logger_.info(head + outcome);
}

void Loop::fit_batch(BayesianOptimiser* optimiser, const FitFunction& fit, std::size_t iteration, std::size_t count) {
  std::vector<Proposal> proposals;
  if (optimiser) {
    auto timer = timers_.scope("Bayesian optimiser (rank 0)");
    proposals = optimiser->propose(count);
  }
  proposals = broadcast_proposals(proposals, problem_.space.dimension(), groups_.world());
  std::vector<std::vector<double>> values;
  for (const Proposal& p : proposals) values.push_back(p.values);
  const std::vector<FitResult> results = evaluate_batch(groups_, values, fit, settings_.fit_timeout);
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const FitResult& result = results[i];
    if (optimiser) {
      if (result.status == FitStatus::ok) optimiser->record_value(proposals[i].id, result.errors.energy_rmse);
      else optimiser->record_failure(proposals[i].id);
    }
    state_.fits.push_back(FitRecord{iteration, proposals[i].id, proposals[i].values, result});
    log_fit(state_.fits.back());
  }
  if (optimiser) state_.optimiser = optimiser->state();
  write_state();
}

void Loop::run_iteration(std::size_t iteration, bool restored) {
  const FrameSets sets = sampler_.sets(iteration);
  std::optional<BayesianOptimiser> optimiser;
  if (rank_ == 0) {
    if (restored) optimiser.emplace(problem_.space, optimiser_settings(iteration), state_.optimiser);
    else optimiser.emplace(problem_.space, optimiser_settings(iteration));
  }
  if (!restored) {
    state_.iteration = iteration;
    state_.sets = sets;
    if (optimiser) state_.optimiser = optimiser->state();
    write_state();
  }
  char text[200];
  std::snprintf(text, sizeof text, "iteration %zu: %.4g %% of every %s, %zu training + %zu test frames (e0 references excluded)",
                iteration, sampler_.percent(iteration), settings_.sampling == SamplingMode::clusters ? "cluster" : "pool of frames",
                without_references(sets.training, problem_.isolated), without_references(sets.test, problem_.isolated));
  logger_.info(text);

  GroupFrames frames;
  {
    auto timer = timers_.scope("read frames of the fits");
    frames.training = read_frames(*problem_.index, sets.training, problem_.read, groups_.group());
    frames.test = read_frames(*problem_.index, sets.test, problem_.read, groups_.group());
  }
  const std::string group_prefix = "fit group " + std::to_string(groups_.index()) + ": ";
  const FitFunction fit =
      gap_objective(frames, problem_.settings_of, problem_.backend,
                    [&](const std::string& stage, double seconds) { timers_.add(group_prefix + stage, seconds); });
  for (std::size_t done = fits_of_iteration(state_.fits, iteration); done < budget();
       done = fits_of_iteration(state_.fits, iteration))
    fit_batch(optimiser ? &*optimiser : nullptr, fit, iteration,
              std::min(static_cast<std::size_t>(groups_.count()), budget() - done));
}

void Loop::start_or_resume() {
  if (!settings_.resume) return;
  parallel::agree_on_input_errors(groups_.world(), [&] { state_ = read_checkpoint(settings_.checkpoint, settings_.signature); });
  logger_.info("resuming from " + settings_.checkpoint + ": iteration " + std::to_string(state_.iteration) + ", " +
               std::to_string(fits_of_iteration(state_.fits, state_.iteration)) + " of its " + std::to_string(budget()) +
               " fits done");
}

void Loop::final_potential(LearningOutcome& outcome) {
  const MPI_Comm world = groups_.world();
  const IterationSummary& last = outcome.iterations.back();
  outcome.hyperparameters = outcome.fits[*last.best_fit].hyperparameters;
  logger_.info("final potential: the best hyperparameters of iteration " + std::to_string(last.iteration) +
               " refitted on its training set by all ranks");
  {
    auto timer = timers_.scope("final fit");
    const io::LocalFrames training = read_frames(*problem_.index, outcome.sets.training, problem_.read, world);
    outcome.model = gap::fit_model(training.frames, training.first_frame, problem_.settings_of(outcome.hyperparameters),
                                   problem_.backend, world);
  }
  auto timer = timers_.scope("errors on unused frames");
  std::vector<std::size_t> unused;
  long long components = 0;
  for (std::size_t frame = 0; frame < problem_.index->frames.size(); ++frame)
    if (!std::binary_search(outcome.sets.training.begin(), outcome.sets.training.end(), frame)) {
      unused.push_back(frame);
      components += 3 * problem_.index->frames[frame].n_atoms;
    }
  outcome.n_unused = without_references(unused, problem_.isolated);
  const io::LocalFrames frames = read_frames(*problem_.index, unused, problem_.read, world);
  ParityPoints parity;
  parity.force_stride = std::max(1LL, components / 20000);  // enough points for a parity plot
  gap::PredictionErrors errors;
  parallel::agree_on_input_errors(world, [&] {
    const std::vector<gap::Prediction> predictions =
        gap::model_predictions(outcome.model, frames.frames, problem_.backend.programs);
    for (std::size_t f = 0; f < predictions.size(); ++f) {
      errors.add(frames.frames[f], predictions[f]);
      add_parity_points(frames.frames[f], predictions[f], parity);
    }
  });
  outcome.unused_errors = fit_errors(errors.summed(world));
  outcome.parity.force_stride = parity.force_stride;
  outcome.parity.reference_energy = parallel::gather_values_to_root(parity.reference_energy, world);
  outcome.parity.predicted_energy = parallel::gather_values_to_root(parity.predicted_energy, world);
  outcome.parity.reference_force = parallel::gather_values_to_root(parity.reference_force, world);
  outcome.parity.predicted_force = parallel::gather_values_to_root(parity.predicted_force, world);
  logger_.info("final potential on the " + std::to_string(outcome.n_unused) + " frames not used to train it: " +
               errors_text(outcome.unused_errors));
}

LearningOutcome Loop::run() {
  start_or_resume();
  bool restored = settings_.resume;
  LearningOutcome outcome;
  for (std::size_t iteration = settings_.resume ? state_.iteration : 0;; ++iteration, restored = false) {
    run_iteration(iteration, restored);
    const IterationSummary summary = summarise_iteration(state_.fits, sampler_, problem_, iteration);
    if (!summary.best_fit) {
      const auto failed = std::find_if(state_.fits.begin(), state_.fits.end(), [&](const FitRecord& f) { return f.iteration == iteration; });
      throw parallel::CollectiveInputError("every fit of active-learning iteration " + std::to_string(iteration) +
                                           " failed; the first: " + failed->result.reason);
    }
    outcome.iterations.push_back(summary);
    outcome.converged = summary.best.energy_rmse <= settings_.e_tol;
    char text[240];
    std::snprintf(text, sizeof text, "iteration %zu: best test RMSE %s (fit %zu); E_tol %.3f meV/atom %s", iteration,
                  errors_text(summary.best).c_str(), state_.fits[*summary.best_fit].proposal + 1, 1000.0 * settings_.e_tol,
                  outcome.converged ? "met" : sampler_.uses_whole_data_set(iteration) ? "not met, and the whole data set is used"
                                                                                     : "not met: next iteration");
    logger_.info(text);
    if (outcome.converged || sampler_.uses_whole_data_set(iteration)) break;
  }
  // Iterations done before a resume are summarised from the checkpoint's fits.
  const std::size_t first = outcome.iterations.front().iteration;
  for (std::size_t k = first; k-- > 0;)
    outcome.iterations.insert(outcome.iterations.begin(), summarise_iteration(state_.fits, sampler_, problem_, k));
  outcome.fits = state_.fits;
  outcome.sets = sampler_.sets(outcome.iterations.back().iteration);
  for (const auto& cluster : problem_.clusters) outcome.n_clustered += cluster.size();
  final_potential(outcome);
  return outcome;
}

}  // namespace

LearningOutcome run_active_learning(const LearningProblem& problem, const LoopSettings& settings, const FitGroups& groups,
                                    const util::Logger& logger, util::StageTimers& timers) {
  return Loop(problem, settings, groups, logger, timers).run();
}

}  // namespace hykal::learning
