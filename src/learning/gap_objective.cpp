#include "hykal/learning/gap_objective.hpp"

#include "hykal/error.hpp"

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

FitErrors fit_errors(const gap::PredictionErrors& summed) {
  return {summed.energy_ev_per_atom().value_or(std::nan("")), summed.force_ev_per_angstrom().value_or(std::nan(""))};
}

FitFunction gap_objective(const GroupFrames& frames, const FitSettingsOf& settings_of, const gap::GapBackend& backend,
                          const std::function<void(const std::string& stage, double seconds)>& record_seconds) {
  return [&frames, settings_of, backend, record_seconds](const std::vector<double>& hyperparameters, const FitContext& context) {
    const double start = MPI_Wtime();
    gap::GapModel model;
    try {
      model = gap::fit_model(frames.training.frames, frames.training.first_frame, settings_of(hyperparameters), backend,
                             context.group());
    } catch (const InputError&) {
      // Input errors of a fit arise on every rank of the group at once, so all of them take part
      // here: a fit that failed past its deadline (gap_fit killed at gap.fit_timeout) is a timeout.
      context.check_deadline();
      throw;
    }
    const double fitted = MPI_Wtime();
    record_seconds("GAP fit", fitted - start);
    context.check_deadline();
    gap::PredictionErrors errors;
    context.agree([&] {
      const std::vector<gap::Prediction> predictions = gap::model_predictions(model, frames.test.frames, backend.programs);
      for (std::size_t f = 0; f < predictions.size(); ++f) errors.add(frames.test.frames[f], predictions[f]);
    });
    const FitErrors test_errors = on_objective_grid(fit_errors(errors.summed(context.group())));
    record_seconds("GAP test prediction", MPI_Wtime() - fitted);
    return test_errors;
  };
}

}  // namespace hykal::learning
