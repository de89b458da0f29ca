#include "hykal/gap/gap_backend.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/child_process.hpp"
#include "hykal/gap/quip_model.hpp"

namespace hykal::gap {

GapBackend gap_backend(const GapSettings& settings) {
  GapBackend backend;
  backend.name = settings.backend;
  backend.programs.gap_fit = settings.gap_fit;
  backend.programs.quip = settings.quip;
  backend.programs.timeout_seconds = settings.fit_timeout;
  return backend;
}

GapModel fit_model(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                   const GapBackend& backend, MPI_Comm comm, const FitProgress& progress) {
  if (backend.name == "quip") return fit_quip_model(local_frames, first_frame, settings, backend.programs, comm);
  HYKAL_ASSERT(backend.name == "builtin", "gap.backend is builtin or quip (option table)");
  return fit_gap(local_frames, first_frame, settings, comm, progress);
}

std::vector<Prediction> model_predictions(const GapModel& model, const std::vector<io::Frame>& frames,
                                          const QuipBackendSettings& programs, const FitProgress& progress) {
  const auto total = static_cast<long long>(frames.size());
  if (model.backend == "quip") {
    std::vector<Prediction> predictions = predict_with_quip_model(model, frames, programs);
    if (progress) progress(total, total);
    return predictions;
  }
  const GapPredictor predictor(model);
  std::vector<Prediction> predictions;
  predictions.reserve(frames.size());
  for (const io::Frame& frame : frames) {
    predictions.push_back(predictor.predict(frame));
    if (progress) progress(static_cast<long long>(predictions.size()), total);
  }
  return predictions;
}

void require_quip_program(const std::string& program, const std::string& key, const std::string& why) {
  try {
    find_program(program, key);
  } catch (const InputError& error) {
    throw InputError(why + " needs QUIP's programs: " + error.what());
  }
}

}  // namespace hykal::gap
