#pragma once
// The objective the Bayesian optimiser tunes (METHOD.md §6 step 2): a GAP fitted with the
// proposed hyperparameters on the training frames, scored by its RMSEs on the test frames.
// It runs on one fit group's communicator and keeps the contract of batch_evaluation.hpp: the
// fit's input errors arise on every rank at once, prediction (which can fail on one rank) runs
// inside context.agree, and the deadline is checked between the stages.
#include "hykal/gap/gap_backend.hpp"
#include "hykal/gap/prediction_errors.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "hykal/learning/batch_evaluation.hpp"
#include "hykal/learning/frame_sampling.hpp"

#include <functional>
#include <vector>

namespace hykal::learning {

// The frames one group fits and scores, dealt over the group's ranks.
struct GroupFrames {
  io::LocalFrames training;
  io::LocalFrames test;
};

// Collective over comm (a fit group, or the world).
io::LocalFrames read_frames(const io::FrameIndex& index, const std::vector<std::size_t>& frames,
                            const io::ReadOptions& options, MPI_Comm comm);

// The RMSEs of summed prediction errors as the loop scores and stores them (METHOD.md §6): energy
// per atom in eV/atom, force components in eV/Å; NaN where no frame has that reference.
FitErrors fit_errors(const gap::PredictionErrors& summed);

// The [gap] settings with proposed hyperparameters (ordered as the search space) applied.
using FitSettingsOf = std::function<gap::FitSettings(const std::vector<double>& hyperparameters)>;

// The test RMSEs as the loop and the optimiser see them: rounded to a multiple of
// objective_resolution (eV/atom for the energy, eV/Å for the forces). Why: a fit on a group of 2
// ranks gives RMSEs that differ from the 1-rank fit's in the last digits (the distributed QR and
// the error sums reduce in another order; ~1e-13 relative, ~1e-15 eV/atom measured), and the
// optimiser's surrogate fit and EI maximisation turn such a difference into another proposal. On a
// fixed grid both land on the same value unless a grid point falls between them: a chance of
// (difference / resolution) ≈ 1e-8 per fit. The resolution, 1e-7 eV/atom = 1e-4 meV/atom, is ten
// times finer than the last digit the log prints and far below any difference that means
// something (a test RMSE over N frames carries a sampling uncertainty of about RMSE/√(2N), ≥ 1e-5
// eV/atom for any RMSE ≥ 1 meV/atom and N ≤ 5000). The rounded value is what every rank records,
// what the checkpoint and results file store and what best-fit and E_tol compare, so a resume
// sees the same numbers. Non-finite values stay non-finite (the fit is then a failure).
inline constexpr double objective_resolution = 1e-7;
FitErrors on_objective_grid(const FitErrors& errors);

// The fit function of evaluate_batch for the frames the calling rank's group holds, fitted by the
// backend (gap.backend = quip: the group's first rank runs gap_fit, the others wait), returning
// on_objective_grid errors. A fit that fails past its deadline (gap_fit killed at gap.fit_timeout)
// throws FitTimeout. Stage times go to `record_seconds(stage, seconds)` on the group's ranks
// (per-group timings).
FitFunction gap_objective(const GroupFrames& frames, const FitSettingsOf& settings_of, const gap::GapBackend& backend,
                          const std::function<void(const std::string& stage, double seconds)>& record_seconds);

}  // namespace hykal::learning
