#include "hykal/learning/gap_objective.hpp"

#include "hykal/gap/gap_predictor.hpp"

#include <cmath>

namespace hykal::learning {

io::LocalFrames read_frames(const io::FrameIndex& index, const std::vector<std::size_t>& frames,
                            const io::ReadOptions& options, MPI_Comm comm) {
  return io::read_frame_subset(index, std::vector<std::int64_t>(frames.begin(), frames.end()), options, comm);
}

FitErrors fit_errors(const gap::PredictionErrors& summed) {
  return {summed.energy_ev_per_atom().value_or(std::nan("")), summed.force_ev_per_angstrom().value_or(std::nan(""))};
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
    gap::PredictionErrors errors;
    context.agree([&] {
      const gap::GapPredictor predictor(model);
      for (const io::Frame& frame : frames.test.frames) errors.add(frame, predictor.predict(frame));
    });
    const FitErrors test_errors = fit_errors(errors.summed(context.group()));
    record_seconds("GAP test prediction", MPI_Wtime() - fitted);
    return test_errors;
  };
}

}  // namespace hykal::learning
