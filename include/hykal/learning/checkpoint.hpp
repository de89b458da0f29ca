#pragma once
// The state of the active-learning loop after each batch of fits, in a small HDF5 file, so that
// an interrupted run (kill -9 included) resumes and ends as an uninterrupted one would
// (issue 9 item 4). What it holds is all the loop cannot recompute: the iteration, the current
// training and test sets, every fit so far (hyperparameters, errors, status and reason, time,
// group), and the optimiser's whole state (design, proposals and outcomes, surrogate
// hyperparameters, random stream). The frame sampling needs no state: it is a function of the
// seed and the iteration.
//
// The file is written by one rank (rank 0, where the optimiser runs), under a temporary name
// (<path>.tmp) and renamed over the old one only when complete, so a kill during the write leaves
// the previous checkpoint intact. It carries a signature, (name, value) pairs of whatever the run
// depends on (data set, configuration); reading checks it and refuses a checkpoint of another run
// with a message listing every difference.
#include "hykal/learning/batch_evaluation.hpp"
#include "hykal/learning/bayesian_optimiser.hpp"
#include "hykal/learning/frame_sampling.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hykal::learning {

using Signature = std::vector<std::pair<std::string, std::string>>;

struct FitRecord {
  std::size_t iteration = 0;
  std::size_t proposal = 0;  // the proposal's id in that iteration's optimiser
  std::vector<double> hyperparameters;
  FitResult result;
};

struct LoopState {
  std::size_t iteration = 0;
  FrameSets sets;
  std::vector<FitRecord> fits;
  BayesianOptimiserState optimiser;
};

// Serial: call on one rank. Throws InputError if the file cannot be written.
void write_checkpoint(const std::string& path, const Signature& signature, const LoopState& state);

// Serial. Throws InputError if there is no checkpoint at path, or it was written with another
// signature (the message names each entry that differs).
LoopState read_checkpoint(const std::string& path, const Signature& signature);

}  // namespace hykal::learning
