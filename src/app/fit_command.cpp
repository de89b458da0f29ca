// `hykal fit`: one fit of a GAP potential (METHOD.md §7) with the [gap] settings to the frames of
// fit.train, by the built-in fit distributed over the ranks or, with gap.backend = quip, by
// QUIP's gap_fit on rank 0 (docs/quip-backend.md); the model goes to fit.model, and the RMSE
// table of the model on the training and (optional) fit.test frames is printed on rank 0.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/gap_prediction.hpp"
#include "hykal/app/output_paths.hpp"
#include "hykal/app/prediction_error_table.hpp"
#include "hykal/descriptors/data_set_species.hpp"
#include "hykal/gap/gap_backend.hpp"
#include "hykal/gap/model_file.hpp"
#include "hykal/gap/quip_model.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace hykal::app {
namespace {

// A test frame with a species the training frames lack cannot be predicted: found before the
// fit, so that no model is written for a run that would then fail.
void check_test_species(const io::LocalFrames& test, const std::vector<int>& trained, MPI_Comm comm) {
  parallel::agree_on_input_errors(comm, [&] {
    for (const io::Frame& frame : test.frames)
      for (std::size_t atom = 0; atom < frame.n_atoms(); ++atom) {
        const int z = frame.atomic_numbers[atom];
        if (!std::binary_search(trained.begin(), trained.end(), z))
          throw InputError(frame.source_file + ", frame " + std::to_string(frame.source_index) + ": element " +
                           std::string(io::element_symbol(z)) + " (atom " + std::to_string(atom) +
                           ") is in no training frame of fit.train, so the model cannot predict it");
      }
  });
}

double fit_arrays_mb(const gap::FitSize& size, MPI_Comm comm) {
  int ranks = 1;
  MPI_Comm_size(comm, &ranks);
  return 1e-6 * static_cast<double>(gap::fit_memory_per_rank(size.rows, size.columns, ranks, size.max_atoms));
}

std::string fit_plan(const gap::FitSize& size, const gap::FitSettings& settings, MPI_Comm comm) {
  std::string terms;
  for (const gap::TermSettings& term : settings.terms)
    terms += (terms.empty() ? "" : " + ") + term.descriptor + " (" + std::to_string(term.n_sparse) + " sparse points per channel)";
  char text[400];
  std::snprintf(text, sizeof text,
                "GAP fit: %s; stacked system of (%lld observation + %lld regularisation) rows × %lld columns; "
                "its large arrays take about %.1f MB per rank",
                terms.c_str(), static_cast<long long>(size.rows), static_cast<long long>(size.columns),
                static_cast<long long>(size.columns), fit_arrays_mb(size, comm));
  return text;
}

// The programs a quip fit runs (gap_fit, and quip for the RMSE table), checked first of all.
void require_programs(RunContext& context) {
  const gap::GapSettings& settings = context.settings.gap;
  parallel::agree_on_input_errors(context.comm, [&] {
    if (settings.backend != "quip") return;
    gap::require_quip_program(settings.gap_fit, "gap.gap_fit", "gap.backend = quip");
    gap::require_quip_program(settings.quip, "gap.quip", "gap.backend = quip");
  });
}

std::string quip_fit_plan(const io::LocalFrames& train) {
  return "GAP fit by QUIP's gap_fit (gap.backend = quip) on rank 0, with the " + std::to_string(train.index.n_frames()) +
         " training frames; the other ranks wait";
}

}  // namespace

void run_fit_dry_run(RunContext& context) {
  require_programs(context);
  const io::LocalFrames train =
      read_frames(context, expanded_paths(context, "fit.train", context.settings.fit.train), false, "read training frames");
  const gap::FitSettings fit_settings = gap::fit_settings(context.settings.gap);
  if (context.settings.gap.backend == "quip") {
    const std::string estimate = gap::quip_fit_memory_estimate(train.frames, fit_settings,
                                                               gap::gap_backend(context.settings.gap).programs, context.comm);
    context.logger.info("dry run of `hykal fit`:\n  " + quip_fit_plan(train) +
                        "\n  gap_fit's own estimate of its peak memory (dryrun=T): " + estimate +
                        "\nnothing was fitted or written.");
    return;
  }
  gap::FitSize size;
  parallel::agree_on_input_errors(context.comm, [&] { size = gap::fit_size(train.frames, fit_settings, context.comm); });
  double held = util::peak_resident_mb();
  MPI_Allreduce(MPI_IN_PLACE, &held, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  int ranks = 1;
  MPI_Comm_size(context.comm, &ranks);
  const double arrays = fit_arrays_mb(size, context.comm);
  char text[600];
  std::snprintf(text, sizeof text,
                "dry run of `hykal fit` on %d rank(s):\n"
                "  %lld training frames, %lld atoms, largest frame %lld atoms\n"
                "  %s\n"
                "  estimated memory per rank: fit arrays %.1f MB, program and frames %.1f MB\n"
                "  estimated peak memory per rank: %.0f MB\n"
                "nothing was fitted or written.",
                ranks, static_cast<long long>(train.index.n_frames()), static_cast<long long>(train.index.n_atoms_total()),
                static_cast<long long>(size.max_atoms), fit_plan(size, fit_settings, context.comm).c_str(), arrays, held,
                arrays + held);
  context.logger.info(text);
}

void run_fit(RunContext& context) {
  require_programs(context);
  const FitCommandSettings& settings = context.settings.fit;
  const std::vector<std::string> train_paths = expanded_paths(context, "fit.train", settings.train);
  const std::vector<std::string> test_paths =
      settings.test.empty() ? std::vector<std::string>{} : expanded_paths(context, "fit.test", settings.test);
  std::vector<std::string> inputs = train_paths;
  inputs.insert(inputs.end(), test_paths.begin(), test_paths.end());
  check_output_file(context, "fit.model", settings.model, inputs);

  const io::LocalFrames train = read_frames(context, train_paths, false, "read training frames");
  std::optional<io::LocalFrames> test;
  if (!test_paths.empty()) {
    test = read_frames(context, test_paths, false, "read test frames");
    check_test_species(*test, descriptors::species_of_data_set(train.frames, context.comm), context.comm);
  }

  const gap::FitSettings fit_settings = gap::fit_settings(context.settings.gap);
  const gap::GapBackend backend = gap::gap_backend(context.settings.gap);
  gap::GapModel model;
  {
    auto timer = context.timers.scope("GAP fit");
    util::Progress progress(context.logger, "GAP fit: rows of rank 0's frames");
    parallel::agree_on_input_errors(context.comm, [&] {
      context.logger.info(backend.name == "quip"
                              ? quip_fit_plan(train)
                              : fit_plan(gap::fit_size(train.frames, fit_settings, context.comm), fit_settings, context.comm));
      model = gap::fit_model(train.frames, train.first_frame, fit_settings, backend, context.comm,
                             [&](long long done, long long total) { progress.update(done, total); });
    });
  }
  {
    auto timer = context.timers.scope("write model");
    gap::write_model_file(settings.model, model, context.comm);
  }
  context.logger.info("wrote the model to " + settings.model);

  std::vector<std::pair<std::string, gap::PredictionErrors>> rows;
  rows.emplace_back("training frames (fit.train)",
                    prediction_errors(train, predict_frames(context, model, train, "predict training frames"), context.comm));
  if (test)
    rows.emplace_back("test frames (fit.test)",
                      prediction_errors(*test, predict_frames(context, model, *test, "predict test frames"), context.comm));
  context.logger.info(prediction_error_table(rows));
}

}  // namespace hykal::app
