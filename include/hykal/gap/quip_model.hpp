#pragma once
// GAP models fitted by QUIP's gap_fit and evaluated by quip (gap.backend = quip) as hykal models
// (gap_model.hpp, backend "quip"): the record every model has (model_record: species, e0, fit
// values, training signature, the terms' settings) plus gap_fit's potential file as text, so that
// the model file alone is the potential. Each run of gap_fit or quip happens in a private
// temporary directory that is removed afterwards (private_directory.hpp); the programs and their
// time limit come from `programs` (its work_directory is not used).
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/quip_backend.hpp"

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::gap {

// Collective over comm, with fit_gap's contract (this rank's training frames in global order;
// the same model on every rank; InputError the same on every rank): rank 0 gathers the frames
// (as extended XYZ text, exact), runs gap_fit (fit_with_gap_fit) while the other ranks wait
// without spinning, and broadcasts the potential.
GapModel fit_quip_model(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                        const QuipBackendSettings& programs, MPI_Comm comm);

// Collective over comm: gap_fit's own memory estimate for this fit (gap_fit_memory_estimate, run by
// rank 0 on the gathered frames), on every rank; InputError on every rank.
std::string quip_fit_memory_estimate(const std::vector<io::Frame>& local_frames, const FitSettings& settings,
                                     const QuipBackendSettings& programs, MPI_Comm comm);

// Not collective: the predictions of the frames, from one run of quip on all of them.
// InputError naming a frame with a species absent from the model (before quip runs), or how
// quip failed (predict_with_quip).
std::vector<Prediction> predict_with_quip_model(const GapModel& model, const std::vector<io::Frame>& frames,
                                                const QuipBackendSettings& programs);

}  // namespace hykal::gap
