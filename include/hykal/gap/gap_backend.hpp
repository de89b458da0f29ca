#pragma once
// Fitting a GAP model with the code gap.backend names, and predicting with a model by the code
// that fitted it: the built-in sparse GP (gap_fit.hpp, gap_predictor.hpp) or QUIP's gap_fit and
// quip (quip_model.hpp). What the commands and the active-learning loop call.
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/gap_settings.hpp"
#include "hykal/gap/quip_backend.hpp"

#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hykal::gap {

struct GapBackend {
  std::string name = "builtin";  // gap.backend: builtin | quip
  QuipBackendSettings programs;  // gap.gap_fit, gap.quip, gap.fit_timeout (for quip fits and quip models)
};
GapBackend gap_backend(const GapSettings& settings);

// Collective over comm, fit_gap's contract: fit_gap (builtin) or fit_quip_model (quip).
GapModel fit_model(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                   const GapBackend& backend, MPI_Comm comm, const FitProgress& progress = {});

// Not collective: the model's predictions of the frames, in order. Built-in models predict frame
// by frame, calling progress(done, total) after each; quip models in one run of quip (progress
// once, at the end). InputError naming a frame with a species absent from the model, or how quip
// failed.
std::vector<Prediction> model_predictions(const GapModel& model, const std::vector<io::Frame>& frames,
                                          const QuipBackendSettings& programs, const FitProgress& progress = {});

// Checks, before any frame is read, that the QUIP program a run needs is there: InputError naming
// the program, its key (gap.gap_fit, gap.quip) and `why` (what selects it, e.g. "gap.backend = quip").
void require_quip_program(const std::string& program, const std::string& key, const std::string& why);

}  // namespace hykal::gap
