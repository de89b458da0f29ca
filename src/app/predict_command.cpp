// `hykal predict`: a fitted GAP model (predict.model) applied to the frames of data.files,
// parallel over frames (a model fitted with gap.backend = quip: each rank runs quip on its
// frames). Writes predict.output, a copy of the frames with gap_energy (eV), gap_forces (eV/Å)
// and gap_virial (eV) added beside the reference values, which stay as they were; prints the
// RMSE table where references exist and draws the parity plots.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/gap_prediction.hpp"
#include "hykal/app/output_paths.hpp"
#include "hykal/app/prediction_error_table.hpp"
#include "hykal/app/prediction_figures.hpp"
#include "hykal/gap/gap_backend.hpp"
#include "hykal/gap/model_file.hpp"
#include "hykal/io/extxyz_annotation.hpp"
#include "hykal/io/mapped_file.hpp"
#include "hykal/io/rank_ordered_file.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <cstdio>
#include <map>
#include <memory>

namespace hykal::app {
namespace {

// This rank's frames as they stand in their files, with the predictions added.
std::string annotated_frames(const io::LocalFrames& data, const std::vector<gap::Prediction>& predictions) {
  std::map<int, std::unique_ptr<io::MappedFile>> files;
  std::string text;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    const io::FrameLocation& location = data.index.frames[static_cast<std::size_t>(data.global_frame(f))];
    std::unique_ptr<io::MappedFile>& file = files[location.file];
    if (!file) file = std::make_unique<io::MappedFile>(data.index.files[static_cast<std::size_t>(location.file)]);
    const std::string_view frame_text =
        file->text().substr(static_cast<std::size_t>(location.byte_offset), static_cast<std::size_t>(location.byte_length));
    const gap::Prediction& prediction = predictions[f];
    const Eigen::Matrix3d& virial = prediction.virial;  // column-major: ASE's order='F', as the reader takes it
    io::AddedValues added;
    added.per_frame = {{"gap_energy", {prediction.energy}},
                       {"gap_virial", std::vector<double>(virial.data(), virial.data() + 9)}};
    added.per_atom = {{"gap_forces", prediction.forces}};
    text += io::annotated_frame_text(frame_text, io::TextPlace{file->path(), location.index_in_file, location.line}, added);
  }
  return text;
}

// Read before any frame, so that a quip model whose program is missing stops the run first.
gap::GapModel read_model(RunContext& context) {
  const std::string& path = context.settings.predict.model;
  gap::GapModel model;
  {
    auto timer = context.timers.scope("read model");
    parallel::agree_on_input_errors(context.comm, [&] {
      model = gap::read_model_file(path);
      if (model.backend == "quip")
        gap::require_quip_program(context.settings.gap.quip, "gap.quip", path + " (a model of gap.backend = quip)");
    });
  }
  if (model.backend == "quip") {
    context.logger.info("model " + path + ": fitted by QUIP's gap_fit (gap.backend = quip), predicted by " +
                        context.settings.gap.quip + "; " + std::to_string(model.species.size()) + " species, fitted to " +
                        std::to_string(model.training.n_frames) + " frames");
    return model;
  }
  long long sparse_points = 0;
  for (const gap::TrainedTerm& term : model.terms)
    for (const Eigen::MatrixXd& points : term.sparse_points) sparse_points += points.rows();
  context.logger.info("model " + path + ": " + std::to_string(model.species.size()) + " species, " +
                      std::to_string(model.terms.size()) + " term(s), " + std::to_string(sparse_points) +
                      " sparse points, fitted to " + std::to_string(model.training.n_frames) + " frames");
  return model;
}

}  // namespace

void run_predict_dry_run(RunContext& context) {
  const io::LocalFrames data = read_frames(
      context, expanded_paths(context, "data.files", context.settings.data.patterns), false, "read frames");
  read_model(context);
  // Beyond what is held now: the predictions (forces: 3 doubles per atom) and the output text
  // of this rank's frames (their text plus about 3 numbers of 20 characters per atom).
  double atoms = 0, bytes = 0;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    atoms += static_cast<double>(data.frames[f].n_atoms());
    bytes += static_cast<double>(data.index.frames[static_cast<std::size_t>(data.global_frame(f))].byte_length);
  }
  double extra_mb = (24.0 * atoms + bytes + 60.0 * atoms) / 1e6;
  double held_mb = util::peak_resident_mb();
  MPI_Allreduce(MPI_IN_PLACE, &extra_mb, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  MPI_Allreduce(MPI_IN_PLACE, &held_mb, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  char text[400];
  std::snprintf(text, sizeof text,
                "dry run of `hykal predict` on %d rank(s): %lld frames, %lld atoms\n"
                "  estimated memory per rank: program, model and frames %.1f MB, predictions and output text %.1f MB\n"
                "  estimated peak memory per rank: %.0f MB\n"
                "nothing was predicted or written.",
                data.distribution.n_ranks(), static_cast<long long>(data.index.n_frames()),
                static_cast<long long>(data.index.n_atoms_total()), held_mb, extra_mb, held_mb + extra_mb);
  context.logger.info(text);
}

void run_predict(RunContext& context) {
  const PredictSettings& settings = context.settings.predict;
  const std::vector<std::string> paths = expanded_paths(context, "data.files", context.settings.data.patterns);
  check_output_file(context, "predict.output", settings.output, paths);
  check_output_paths(context, Outputs::figures, paths);

  const gap::GapModel model = read_model(context);
  const io::LocalFrames data = read_frames(context, paths, false, "read frames");
  const std::vector<gap::Prediction> predictions = predict_frames(context, model, data, "predict frames");
  {
    auto timer = context.timers.scope("write predictions");
    std::string text;
    parallel::agree_on_input_errors(context.comm, [&] { text = annotated_frames(data, predictions); });
    io::write_in_rank_order(settings.output, text, context.comm);
  }
  context.logger.info("wrote " + settings.output + " (gap_energy in eV, gap_forces in eV/Å, gap_virial in eV)");
  const gap::PredictionErrors errors = prediction_errors(data, predictions, context.comm);
  context.logger.info(prediction_error_table({{"frames of data.files", errors}}));
  {
    auto timer = context.timers.scope("figures");
    write_parity_figures(context, data, predictions, errors);
  }
  context.logger.info("parity plots in " + context.settings.output.figures + "/parity_energy.svg, parity_forces.svg");
}

}  // namespace hykal::app
