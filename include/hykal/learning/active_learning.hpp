#pragma once
// The active-learning loop of METHOD.md §6, run by every rank of the world:
//   iteration k: the frame sets of FrameSampler::sets(k) (per-cluster sampling, 70/30 split,
//   isolated atoms in both); a fresh Bayesian optimisation of the GAP hyperparameters
//   (bo.n_initial Latin-hypercube points, then bo.n_iterations proposals by expected
//   improvement, bo.batch at a time, each batch fitted in parallel by the fit groups); stop when
//   the best test energy RMSE ≤ E_tol or when iteration k took the whole data set.
// Then the final potential: the best hyperparameters of the last iteration refitted on its
// training set by all ranks, and its RMSEs on every frame not used to train it.
//
// Rank 0 runs the optimiser (iteration k seeded with bo.seed + k) and writes the checkpoint after
// every batch of fits and at the start of every iteration; every rank knows every fit's result
// (evaluate_batch returns them all). Resuming reads the checkpoint on every rank and carries on
// from its last batch: the sampling is a function of the seed and the iteration, the optimiser
// proposes from its restored state exactly what it would have, so a resumed run ends with the
// same sets, hyperparameters and potential as an uninterrupted one.
#include "hykal/gap/gap_model.hpp"
#include "hykal/io/frame_index.hpp"
#include "hykal/learning/checkpoint.hpp"
#include "hykal/learning/fit_groups.hpp"
#include "hykal/learning/gap_objective.hpp"
#include "hykal/util/logger.hpp"
#include "hykal/util/stage_timers.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hykal::learning {

struct LoopSettings {
  SamplingSchedule schedule;
  SamplingMode sampling = SamplingMode::clusters;
  std::uint64_t sampling_seed = 0;        // learning.seed
  double e_tol = 0.002;                   // eV/atom, learning.e_tol
  BayesianOptimiserSettings optimiser;    // bo.n_initial, bo.seed
  std::size_t n_guided = 20;              // bo.n_iterations: fits after the initial design
  double fit_timeout = 0.0;               // s, gap.fit_timeout; ≤ 0: none
  std::string checkpoint;                 // path
  bool resume = false;
  Signature signature;                    // what the checkpoint must match
};

// What is learned from: the data set's index (frames are read by the ranks that need them), the
// clusters of the chosen clustering, the e0 references, the searched hyperparameters and how they
// become fit settings, and the code that fits them (gap.backend).
struct LearningProblem {
  const io::FrameIndex* index = nullptr;
  io::ReadOptions read;
  std::vector<std::vector<std::size_t>> clusters;
  std::vector<IsolatedAtomFrame> isolated;
  SearchSpace space;
  FitSettingsOf settings_of;
  gap::GapBackend backend;
};

struct IterationSummary {
  std::size_t iteration = 0;
  double percent = 0.0;          // I_k, %
  std::size_t n_train = 0;       // training frames, e0 references excluded
  std::size_t n_test = 0;        // test frames, e0 references excluded
  std::optional<std::size_t> best_fit;  // index into the fits; none if every fit failed
  FitErrors best;                // eV/atom, eV/Å
};

// Reference and predicted values for the parity plots, gathered on rank 0.
struct ParityPoints {
  std::vector<double> reference_energy, predicted_energy;  // eV/atom
  std::vector<double> reference_force, predicted_force;    // eV/Å, every stride-th component
  long long force_stride = 1;
};

struct LearningOutcome {
  std::vector<FitRecord> fits;
  std::vector<IterationSummary> iterations;
  FrameSets sets;                        // of the last iteration
  std::vector<double> hyperparameters;   // best of the last iteration
  bool converged = false;                // E_tol met
  gap::GapModel model;                   // the final potential
  FitErrors unused_errors;               // on every frame not used to train it
  std::size_t n_unused = 0;              // those frames, e0 references excluded
  std::size_t n_clustered = 0;           // frames of the data set the sampling draws from
  ParityPoints parity;                   // of the unused frames, on rank 0
};

// Collective over groups.world(). InputError (the same on every rank) for a checkpoint that
// cannot be resumed, or an iteration whose fits all failed.
LearningOutcome run_active_learning(const LearningProblem& problem, const LoopSettings& settings, const FitGroups& groups,
                                    const util::Logger& logger, util::StageTimers& timers);

}  // namespace hykal::learning
