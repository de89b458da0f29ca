#include "hykal/learning/gap_objective.hpp"

#include "hykal/error.hpp"
#include "hykal/learning/prediction_errors.hpp"

namespace hykal::learning {

io::LocalFrames read_frames(const io::FrameIndex& index, const std::vector<std::size_t>& frames,
                            const io::ReadOptions& options, MPI_Comm comm) {
  return io::read_frame_subset(index, std::vector<std::int64_t>(frames.begin(), frames.end()), options, comm);
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
    ErrorSums sums;
    context.agree([&] { sums = local_error_sums(model, frames.test.frames, backend.programs); });
    const FitErrors errors = root_mean_square_errors(sums, context.group());
    record_seconds("GAP test prediction", MPI_Wtime() - fitted);
    return errors;
  };
}

}  // namespace hykal::learning
