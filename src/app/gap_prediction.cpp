#include "hykal/app/gap_prediction.hpp"

#include "hykal/gap/gap_backend.hpp"
#include "hykal/parallel/collective_error.hpp"

namespace hykal::app {

std::vector<gap::Prediction> predict_frames(RunContext& context, const gap::GapModel& model, const io::LocalFrames& frames,
                                            const std::string& what) {
  auto timer = context.timers.scope(what);
  util::Progress progress(context.logger, what + " (rank 0's frames)");
  std::vector<gap::Prediction> predictions;
  parallel::agree_on_input_errors(context.comm, [&] {
    predictions = gap::model_predictions(model, frames.frames, gap::gap_backend(context.settings.gap).programs,
                                         [&](long long done, long long total) { progress.update(done, total); });
  });
  return predictions;
}

gap::PredictionErrors prediction_errors(const io::LocalFrames& frames, const std::vector<gap::Prediction>& predictions,
                                        MPI_Comm comm) {
  gap::PredictionErrors errors;
  for (std::size_t f = 0; f < frames.frames.size(); ++f) errors.add(frames.frames[f], predictions[f]);
  return errors.summed(comm);
}

}  // namespace hykal::app
