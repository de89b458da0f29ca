#pragma once
// A GAP model applied to the frames a command holds, parallel over frames (each rank predicts
// its own), and the errors against their references: shared by `fit` and `predict`.
#include "hykal/app/commands.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/prediction_errors.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <string>
#include <vector>

namespace hykal::app {

// Collective: the predictions of this rank's frames by the model (either backend; a quip model
// runs the program of gap.quip on each rank's frames), timed and logged as `what`. A frame with
// a species the model lacks, or a failed run of quip, stops every rank with one message.
std::vector<gap::Prediction> predict_frames(RunContext& context, const gap::GapModel& model, const io::LocalFrames& frames,
                                            const std::string& what);

// Collective: the errors over every rank's frames.
gap::PredictionErrors prediction_errors(const io::LocalFrames& frames, const std::vector<gap::Prediction>& predictions,
                                        MPI_Comm comm);

}  // namespace hykal::app
