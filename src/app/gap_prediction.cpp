#include "hykal/app/gap_prediction.hpp"

#include "hykal/parallel/collective_error.hpp"

namespace hykal::app {

std::vector<gap::Prediction> predict_frames(RunContext& context, const gap::GapPredictor& predictor,
                                            const io::LocalFrames& frames, const std::string& what) {
  auto timer = context.timers.scope(what);
  util::Progress progress(context.logger, what + " (rank 0's frames)");
  std::vector<gap::Prediction> predictions;
  predictions.reserve(frames.frames.size());
  const auto total = static_cast<long long>(frames.frames.size());
  parallel::agree_on_input_errors(context.comm, [&] {
    for (const io::Frame& frame : frames.frames) {
      predictions.push_back(predictor.predict(frame));
      progress.update(static_cast<long long>(predictions.size()), total);
    }
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
