#include "hykal/learning/gap_objective.hpp"

#include "hykal/learning/prediction_errors.hpp"

#include <cmath>

namespace hykal::learning {
namespace {

// At or above 2^52 resolutions the spacing of doubles is already the resolution or coarser, and
// value / resolution could overflow: such values stay as they are.
double on_grid(double value) {
  const double steps = value / objective_resolution;
  if (!(std::abs(steps) < 0x1.0p52)) return value;
  return std::round(steps) * objective_resolution;
}

}  // namespace

FitErrors on_objective_grid(const FitErrors& errors) { return {on_grid(errors.energy_rmse), on_grid(errors.force_rmse)}; }

io::LocalFrames read_frames(const io::FrameIndex& index, const std::vector<std::size_t>& frames,
                            const io::ReadOptions& options, MPI_Comm comm) {
  return io::read_frame_subset(index, std::vector<std::int64_t>(frames.begin(), frames.end()), options, comm);
}

FitFunction gap_objective(const GroupFrames& frames, const FitSettingsOf& settings_of,
                          const std::function<void(const std::string& stage, double seconds)>& record_seconds) {
  return [&frames, settings_of, record_seconds](const std::vector<double>& hyperparameters, const FitContext& context) {
    const double start = MPI_Wtime();
    const gap::GapModel model =
        gap::fit_gap(frames.training.frames, frames.training.first_frame, settings_of(hyperparameters), context.group());
    const double fitted = MPI_Wtime();
    record_seconds("GAP fit", fitted - start);
    context.check_deadline();
    ErrorSums sums;
    context.agree([&] { sums = local_error_sums(model, frames.test.frames); });
    const FitErrors errors = on_objective_grid(root_mean_square_errors(sums, context.group()));
    record_seconds("GAP test prediction", MPI_Wtime() - fitted);
    return errors;
  };
}

}  // namespace hykal::learning
