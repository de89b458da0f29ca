#pragma once
// What `learn` and `run` leave behind (INTERFACE.md): the /learning group of the results file
// (/learning_random for learning.sampling = random, so that both runs can sit side by side),
// the final summary table on rank 0, and the SVG figures.
#include "hykal/app/commands.hpp"
#include "hykal/learning/active_learning.hpp"

#include <hdf5.h>

#include <string>
#include <vector>

namespace hykal::app {

// Where one sampling mode's files go: beside output.results, named after it
// (hykal.h5 → hykal.learning.checkpoint.h5, hykal.learning.gap.h5, hykal.learning.training.xyz;
// "learning_random" in place of "learning" for random sampling).
struct LearningPaths {
  std::string group;         // "learning" or "learning_random"
  std::string checkpoint;
  std::string model;
  std::string training_set;  // extended XYZ
};
LearningPaths learning_paths(const std::string& results, learning::SamplingMode sampling);

// A learning curve read back: N_train and the best test energy RMSE (eV/atom) per iteration.
struct LearningCurve {
  std::vector<double> n_train, energy_rmse;
};

// Rank 0: the curve of `group` stored in the results file at `path`, if there is one (else empty).
LearningCurve stored_learning_curve(const std::string& path, const std::string& group);

// Collective: the group paths.group with its tables, sets and attributes (docs/results-file.md).
void write_learning_group(hid_t file, const LearningPaths& paths, const learning::LearningOutcome& outcome,
                          const learning::SearchSpace& space, double e_tol, double wall_seconds, MPI_Comm comm);

// The iteration table and the final summary (N_train, fraction of the data set, RMSEs, wall time).
// N_train and the fraction leave the e0 references out: the data set is the frames sampled from.
std::string learning_summary(const learning::LearningOutcome& outcome, double wall_seconds);

// Rank 0 writes the figures into output.figures: learning curve (with `other`, the curve of the
// other sampling mode, when it has points), BO convergence, parity plots on the unused frames.
void write_learning_figures(RunContext& context, const LearningPaths& paths, const learning::LearningOutcome& outcome,
                            const LearningCurve& other, double e_tol);

}  // namespace hykal::app
