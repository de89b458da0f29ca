// `hykal learn` and `hykal run`: the whole pipeline, descriptors → kernels → δ scan and clustering
// → active learning of a GAP potential (METHOD.md §1–§6). The clustering is read back from the
// results file when an earlier `cluster` or `run` stored it with the same data and settings
// (docs/commands.md), otherwise computed here (the kernels themselves may still be reused) and
// written to the results file before the learning starts. The
// two commands are one: `learn` names the step users repeat (other [learning], [bo] or [gap]
// settings, --resume), `run` the whole job.
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/cluster_stage.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/learning_outputs.hpp"
#include "hykal/app/option_table.hpp"
#include "hykal/app/results_writer.hpp"
#include "hykal/app/stored_clustering.hpp"
#include "hykal/app/stored_stage.hpp"
#include "hykal/error.hpp"
#include "hykal/gap/gap_backend.hpp"
#include "hykal/gap/model_file.hpp"
#include "hykal/io/extxyz_writer.hpp"
#include "hykal/io/hdf5.hpp"
#include "hykal/learning/gap_hyperparameters.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "hykal/parallel/gather_text.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace hykal::app {
namespace {

// Errors that need no frame: found before the data set is read and the kernels are built.
void check_before_reading(RunContext& context, const LearningPaths& paths) {
  int ranks = 1;
  MPI_Comm_size(context.comm, &ranks);
  parallel::agree_on_input_errors(context.comm, [&] {
    const gap::GapSettings& gap = context.settings.gap;
    if (gap.backend == "quip") {
      gap::require_quip_program(gap.gap_fit, "gap.gap_fit", "gap.backend = quip");
      gap::require_quip_program(gap.quip, "gap.quip", "gap.backend = quip");
    }
    const int batch = context.settings.learning.batch;
    if (batch > ranks)
      throw InputError("option bo.batch: " + std::to_string(batch) + " fits at a time need at least as many ranks, but the run has " +
                       std::to_string(ranks));
    if (context.command_line.resume && !std::filesystem::exists(paths.checkpoint))
      throw InputError("--resume: nothing to resume, no checkpoint " + paths.checkpoint +
                       " (it is written beside output.results by an earlier learn or run with the same output.results and learning.sampling)");
  });
}

// The chosen clustering's label of every frame, stored or computed. A computed clustering is
// written at once, as `cluster` writes it (figures too), and its N×N matrices are freed before
// the fits: an interrupted learning then resumes from the stored clustering.
std::vector<long long> chosen_labels(RunContext& context, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered) {
  const std::string signature = clustering_settings_signature(context.configuration, data.index);
  {
    auto timer = context.timers.scope("read stored clustering");
    if (auto stored = load_stored_clustering(context.settings.output.results, signature, data.index.n_frames(), context.comm)) {
      char text[240];
      std::snprintf(text, sizeof text, "clustering reused from %s (same data and settings): δ = %.2f with %lld clusters",
                    context.settings.output.results.c_str(), stored->delta, stored->n_clusters);
      context.logger.info(text);
      return stored->labels;
    }
  }
  const parallel::BlacsGrid grid(context.comm, grid_shape(context.settings.parallel, context.comm, context.logger));
  const ClusterStage stage = run_cluster_stage(context, data, clustered, grid);
  write_results(context, data, [&](hid_t file) { write_cluster_stage(file, context, data, clustered, stage); });
  write_cluster_figures(context, data, clustered, stage.energy_per_atom, stage.scan, stage.map);
  context.logger.info(chosen_clustering_text(stage.scan));
  return chosen_labels_of_frames(stage.scan, clustered, data.index.n_frames());
}

std::vector<std::vector<std::size_t>> clusters_of(const std::vector<long long>& labels) {
  std::vector<std::vector<std::size_t>> clusters;
  for (std::size_t frame = 0; frame < labels.size(); ++frame) {
    if (labels[frame] < 0) continue;
    if (static_cast<std::size_t>(labels[frame]) >= clusters.size()) clusters.resize(static_cast<std::size_t>(labels[frame]) + 1);
    clusters[static_cast<std::size_t>(labels[frame])].push_back(frame);
  }
  return clusters;
}

// The one-atom frames kept out of the clustering (the e0 references), on every rank.
std::vector<learning::IsolatedAtomFrame> isolated_atom_frames(const io::LocalFrames& data, const std::vector<long long>& labels,
                                                              MPI_Comm comm) {
  std::string mine;
  for (std::size_t f = 0; f < data.frames.size(); ++f)
    if (data.frames[f].n_atoms() == 1 && labels[static_cast<std::size_t>(data.global_frame(f))] < 0)
      mine += std::to_string(data.global_frame(f)) + " " + std::to_string(data.frames[f].atomic_numbers[0]) + "\n";
  std::vector<learning::IsolatedAtomFrame> isolated;
  for (const std::string& line : parallel::split_lines(parallel::gather_text_to_all(mine, comm))) {
    std::istringstream words(line);
    learning::IsolatedAtomFrame f;
    words >> f.frame >> f.atomic_number;
    isolated.push_back(f);
  }
  return isolated;
}

// What a checkpoint must match to be resumed: the data files, the clusters and every key of the
// stages the loop depends on ([learning], [bo], [gap]), except those a resumed run may change
// without changing a result: the fit timeout (raised for a resumed run), the number of parallel
// fits (another allocation) and where QUIP's programs live (a module upgrade moves them).
learning::Signature checkpoint_signature(const Configuration& configuration, const io::FrameIndex& index,
                                         const std::vector<long long>& labels) {
  static const std::set<std::string> free_on_resume{"gap.fit_timeout", "bo.batch", "gap.gap_fit", "gap.quip"};
  learning::Signature signature;
  signature.emplace_back("data files", settings_signature(configuration, index, [](const std::string&) { return false; }));
  std::string clusters;
  for (long long label : labels) clusters += std::to_string(label) + " ";
  signature.emplace_back("chosen clustering (labels of every frame)", clusters);
  for (const OptionSpec& spec : option_table()) {
    const bool learning_key = spec.key.rfind("learning.", 0) == 0 || spec.key.rfind("bo.", 0) == 0 || spec.key.rfind("gap.", 0) == 0;
    if (learning_key && free_on_resume.count(spec.key) == 0)
      signature.emplace_back(spec.key, configuration.text(spec.key));
  }
  return signature;
}

learning::LoopSettings loop_settings(RunContext& context, const LearningPaths& paths, learning::Signature signature) {
  learning::LoopSettings loop = context.settings.learning.loop;
  loop.fit_timeout = context.settings.gap.fit_timeout;
  loop.checkpoint = paths.checkpoint;
  loop.resume = context.command_line.resume;
  loop.signature = std::move(signature);
  return loop;
}

// Rank 0 reads the training frames and writes them as one extended XYZ file.
void write_training_set(RunContext& context, const io::FrameIndex& index, const std::vector<std::size_t>& training,
                        const std::string& path) {
  parallel::agree_on_input_errors(context.comm, [&] {
    if (!context.logger.is_root()) return;
    const io::LocalFrames frames = learning::read_frames(index, training, context.settings.data.read, MPI_COMM_SELF);
    io::write_extxyz(path, frames.frames);
  });
  context.logger.info("minimal training set (" + std::to_string(training.size()) + " frames, e0 references included) written to " + path);
}

}  // namespace

void run_learn(RunContext& context) {
  const LearningPaths paths = learning_paths(context.settings.output.results, context.settings.learning.loop.sampling);
  check_before_reading(context, paths);
  const io::LocalFrames data = load_data_set(context, true, Outputs::results_and_figures);
  const kernels::ClusteredFrames clustered = select_clustered_frames(context, data);
  const std::vector<long long> labels = chosen_labels(context, data, clustered);

  std::optional<learning::FitGroups> groups;
  parallel::agree_on_input_errors(context.comm, [&] { groups.emplace(context.comm, context.settings.learning.batch); });
  const learning::SearchSpace space(context.settings.learning.search);
  const gap::GapSettings& configured = context.settings.gap;
  io::ReadOptions read = context.settings.data.read;
  read.require_energy = true;
  const learning::LearningProblem problem{&data.index, read, clusters_of(labels), isolated_atom_frames(data, labels, context.comm),
                                          space,
                                          [&configured, &space](const std::vector<double>& values) {
                                            return learning::fit_settings_at(configured, space, values);
                                          },
                                          gap::gap_backend(configured)};
  const learning::LoopSettings loop = loop_settings(context, paths, checkpoint_signature(context.configuration, data.index, labels));
  const learning::LearningOutcome outcome = learning::run_active_learning(problem, loop, *groups, context.logger, context.timers);

  {
    auto timer = context.timers.scope("write model and training set");
    gap::write_model_file(paths.model, outcome.model, context.comm);
    context.logger.info("final potential written to " + paths.model);
    write_training_set(context, data.index, outcome.sets.training, paths.training_set);
  }
  const double wall_seconds = context.logger.elapsed_seconds();
  const std::string other_group = paths.group == "learning" ? "learning_random" : "learning";
  LearningCurve other;
  if (context.logger.is_root()) other = stored_learning_curve(context.settings.output.results, other_group);
  write_results(context, data, [&](hid_t file) {
    // Carried forward from the file this run replaces, which holds the clustering this run used
    // (stored earlier, or written above) and, if the clustering was reused, the other sampling
    // mode's learning on it.
    io::hdf5::copy_objects(context.settings.output.results, file, {"descriptors", "kernels", "clustering", "map", other_group});
    write_learning_group(file, paths, outcome, problem.space, loop.e_tol, wall_seconds, context.comm);
  });
  write_learning_figures(context, paths, outcome, other, loop.e_tol);
  context.logger.info("active learning (sampling: " + std::string(paths.group == "learning" ? "clusters" : "random") + "):\n" +
                      learning_summary(outcome, wall_seconds));
}

}  // namespace hykal::app
