// `--dry-run`: what a command would do and how much memory each rank would need, before a long
// job is queued. The data set is read (cheap next to the kernels) so the estimate uses the real
// frame count, atom counts and species; with the exact SOAP projection, the rank it keeps is
// estimated by projecting the SOAP of a sample of frames.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/descriptors/data_set_species.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/gap/gap_fit.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/kernels/soap_projection.hpp"
#include "hykal/util/stage_timers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hykal::app {

namespace {

// The projection's rank is estimated on about this many atoms' SOAP (a few seconds, ≈ 50 MB per 1000 features).
constexpr double sampled_atoms = 5000;

// What sets the memory of a rank in a `cluster` run (docs/performance-model.md, "Memory per rank").
struct Shape {
  double ranks, frames, clustered, eigenvectors;   // P, N (all frames), M, k
  double features, n_atoms_max, soap_columns;      // p, n, columns of the SOAP rows the kernel uses (r or p)
  double own_frames, own_clustered, own_atoms, own_clustered_atoms, largest_frame;  // this rank
  double most_clustered, most_clustered_atoms;     // over the ranks (the ring's panels)
};

// Peak memory of this rank, MB, stage by stage (kernels/frame_kernels.hpp says what is kept):
// after reading, each stage adds to what the process holds (measured: program, MPI, frames).
struct MemoryEstimate {
  double held_mb, descriptors_alone_mb, descriptors_mb, coulomb_kernel_mb, soap_kernel_mb, delta_scan_mb, map_mb;
  double peak_mb(bool with_matrices) const {
    return held_mb + (with_matrices ? std::max({descriptors_mb, coulomb_kernel_mb, soap_kernel_mb, delta_scan_mb, map_mb})
                                    : descriptors_alone_mb);
  }
};

MemoryEstimate estimate_memory(const Shape& s, const StageSettings& settings, double held_mb) {
  const DescriptorStageSettings& stored = settings.descriptors;
  const kernels::SoapKernelSettings& soap = settings.kernels.soap;
  const bool per_atom = soap.form == kernels::SoapKernelForm::average_pairwise;
  const bool projects = per_atom && soap.projection == kernels::SoapProjection::exact;
  const double p = s.features, n = s.n_atoms_max, mb = 8.0 / 1e6;
  // The ring holds the panel in flight, and from 3 steps on also the one being used
  // (kernels/average_kernel.cpp): floor(P/2) + 1 steps.
  const double steps = std::floor(s.ranks / 2) + 1;
  const double panels = (steps > 1 ? 1.0 : 0.0) + (steps > 2 ? 1.0 : 0.0);
  const double matrix = s.clustered * s.clustered / s.ranks;  // one N × N matrix's share
  const double frame_rows = s.own_clustered * s.clustered;     // the kernel rows of its frames, before redistribution
  const double one_frame = s.largest_frame * p;                 // one frame's per-atom SOAP

  const double always = s.own_frames * p + (stored.store_soap_per_atom ? s.own_atoms * p : 0.0) +
                         (stored.store_coulomb ? s.own_frames * n * n : 0.0);  // frame means, stored arrays
  const double coulomb_rows = s.own_clustered * n * n;  // the Coulomb kernel's rows (either form)
  // What the SOAP kernel keeps from the descriptor stage: rows, frame means or the Gram matrix.
  const double soap_kept = projects ? p * p : per_atom ? s.own_clustered_atoms * p : s.own_clustered * p;
  const double soap_rows = per_atom ? s.own_clustered_atoms * s.soap_columns : s.own_clustered * p;
  const double soap_panel = (per_atom ? s.most_clustered_atoms * s.soap_columns : s.most_clustered * p);

  MemoryEstimate e{};
  e.held_mb = held_mb;
  e.descriptors_alone_mb = mb * (always + 2 * one_frame);  // `hykal descriptors`: no kernel inputs
  e.descriptors_mb = mb * (always + coulomb_rows + soap_kept + 2 * one_frame);
  e.coulomb_kernel_mb = mb * (always + coulomb_rows + soap_kept + panels * s.most_clustered * n * n + frame_rows + matrix);
  // The projection's last pass holds its eigenvectors and one frame's rows and their projection
  // beside the projected rows (the bound's pass before it holds one frame's rows, eigen-coordinates
  // and slopes, 3 n p + n², but not yet the projected rows: less); then the ring, the kernel rows
  // and the SOAP kernel beside the Coulomb kernel.
  const double projection = projects ? p * p + 2 * one_frame : 0.0;
  e.soap_kernel_mb = mb * (always + matrix + soap_rows + std::max(projection, panels * soap_panel + frame_rows + matrix));
  // δ scan: both kernels, the Laplacian (then the distance) and the eigensolver's own matrices
  // (eigenvectors and workspace, measured: ELPA 2-stage ≈ 4 N × N shares beside its input, its
  // tridiagonal divide and conquer holding two; ScaLAPACK pdsyevr ≈ 3), and the replicated
  // embedding; map: both kernels, the centred matrix and the eigensolver's.
  const double eigensolver = settings.parallel.eigensolver == parallel::EigensolverKind::elpa ? 4.0 : 3.0;
  e.delta_scan_mb = mb * (always + (3 + eigensolver) * matrix + s.clustered * s.eigenvectors);
  e.map_mb = mb * (always + (3 + eigensolver) * matrix);
  return e;
}

// Collective: the rank the exact projection keeps (kernels/soap_projection.hpp, the smallest whose
// bound meets the tolerance) on the SOAP of every k-th clustered frame, k = A / sampled_atoms;
// p when the projection would not pay off for the whole data set.
int sampled_projection_rank(const io::LocalFrames& data, const descriptors::SoapSettings& settings,
                            const kernels::SoapKernelSettings& kernel, bool skip_isolated, double clustered_atoms,
                            MPI_Comm comm) {
  const descriptors::SoapCalculator calculator(settings);
  const int p = calculator.feature_count();
  std::vector<kernels::FeatureRows> sample;
  const auto stride = std::max<std::int64_t>(1, std::llround(static_cast<double>(data.index.n_atoms_total()) / sampled_atoms));
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    const bool clustered = data.frames[f].n_atoms() > 1 || !skip_isolated;
    if (clustered && data.global_frame(f) % stride == 0) sample.push_back(calculator.per_atom(data.frames[f]));
  }
  kernels::LocalFeatures rows;
  if (!sample.empty()) rows = kernels::stack_frames(sample, 0);
  kernels::ProjectionSummary summary;
  kernels::ProjectionPolicy any_size;
  any_size.only_if_cheaper = false;
  kernels::project_onto_leading_subspace(rows, kernels::soap_metric(kernel, p), comm, summary, any_size);
  // The run decides on its first candidate whether to project at all.
  return kernels::projection_pays_off(clustered_atoms, p, summary.first_candidate) ? summary.rank_kept : p;
}

double max_over_ranks(double value, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, &value, 1, MPI_DOUBLE, MPI_MAX, comm);
  return value;
}

// The largest GAP fit of `learn`/`run`: the training set of the last possible iteration (every
// clustered frame but the test share) with the upper bounds of the searched sparse-point counts,
// on a fit group (the smallest, ⌊P / bo.batch⌋ ranks) and, for the final potential, on all ranks.
std::string learning_memory(const RunContext& context, const io::FrameIndex& index, std::size_t n_species, int ranks) {
  const StageSettings& settings = context.settings;
  if (settings.gap.backend == "quip")
    return "\n  active learning: each fit by QUIP's gap_fit on the first rank of its fit group, with gap_fit's own memory "
           "(`hykal fit --dry-run` with the same [gap] settings prints its estimate)";
  double rows = 0;
  long long largest = 0;
  for (const io::FrameLocation& frame : index.frames) {
    rows += 1.0 + 3.0 * static_cast<double>(frame.n_atoms) + 6.0;  // energy, forces, virial
    largest = std::max<long long>(largest, frame.n_atoms);
  }
  rows *= 1.0 - settings.learning.loop.schedule.test_fraction;
  double columns = 0;
  for (const learning::Parameter& p : settings.learning.search) {
    const double pairs = static_cast<double>(n_species * (n_species + 1) / 2);
    if (p.name == "two_body_n_sparse") columns += p.high * pairs;
    if (p.name == "soap_n_sparse") columns += p.high * static_cast<double>(n_species);
  }
  const int batch = std::min(settings.learning.batch, ranks);
  const int group_ranks = ranks / batch;
  const auto mb = [&](int p) {
    return 1e-6 * static_cast<double>(gap::fit_memory_per_rank(static_cast<std::int64_t>(rows), static_cast<std::int64_t>(columns), p, largest));
  };
  char text[400];
  std::snprintf(text, sizeof text,
                "\n  active learning, largest fit (whole data set less the test share, upper bounds of bo.*_n_sparse): "
                "%.0f observation rows × %.0f sparse points\n"
                "  estimated memory of one fit: %.1f MB per rank in a fit group of %d rank(s) (bo.batch = %d groups); "
                "final fit on all %d ranks: %.1f MB per rank",
                rows, columns, mb(group_ranks), group_ranks, batch, ranks, mb(ranks));
  return text;
}

}  // namespace

void run_dry_run(RunContext& context) {
  if (context.command_line.command == "fit") return run_fit_dry_run(context);
  if (context.command_line.command == "predict") return run_predict_dry_run(context);
  const io::LocalFrames data = load_data_set(context, false, Outputs::none);
  const double held_mb = util::peak_resident_mb();
  const bool skip_isolated = context.settings.data.skip_isolated_atoms;
  descriptors::SoapSettings soap = context.settings.descriptors.soap;
  if (soap.species.empty()) soap.species = descriptors::species_of_data_set(data.frames, context.comm);
  Shape s{};
  int ranks = 1;
  MPI_Comm_size(context.comm, &ranks);
  s.ranks = ranks;
  s.frames = static_cast<double>(data.index.n_frames());
  const double n_max = soap.n_max, species = static_cast<double>(soap.species.size());
  s.features = (species * n_max) * (species * n_max + 1) / 2 * static_cast<double>(soap.l_max + 1);
  long long largest = 0, clustered = 0;
  double clustered_atoms = 0;
  for (const io::FrameLocation& frame : data.index.frames) {
    largest = std::max<long long>(largest, frame.n_atoms);
    const bool kept = frame.n_atoms > 1 || !skip_isolated;
    clustered += kept;
    clustered_atoms += kept ? static_cast<double>(frame.n_atoms) : 0.0;
  }
  s.clustered = static_cast<double>(clustered);
  s.n_atoms_max = static_cast<double>(std::max<long long>(largest, context.settings.descriptors.coulomb.n_atoms_max));
  s.largest_frame = static_cast<double>(largest);
  for (const io::Frame& frame : data.frames) {
    const bool kept = frame.n_atoms() > 1 || !skip_isolated;
    s.own_frames += 1;
    s.own_atoms += static_cast<double>(frame.n_atoms());
    s.own_clustered += kept;
    s.own_clustered_atoms += kept ? static_cast<double>(frame.n_atoms()) : 0.0;
  }
  s.most_clustered = max_over_ranks(s.own_clustered, context.comm);
  s.most_clustered_atoms = max_over_ranks(s.own_clustered_atoms, context.comm);
  // As clustering_options resolves clustering.max_clusters (auto: min(N − 1, 50)).
  s.eigenvectors = static_cast<double>(
      context.settings.clustering.max_clusters.value_or(static_cast<int>(std::min(clustered - 1, 50LL))));

  const std::string command = context.command_line.command;
  const bool learns = command == "learn" || command == "run";
  const bool with_matrices = command == "kernels" || command == "cluster" || learns;
  const kernels::SoapKernelSettings& kernel = context.settings.kernels.soap;
  const bool projects = with_matrices && kernel.form == kernels::SoapKernelForm::average_pairwise &&
                        kernel.projection == kernels::SoapProjection::exact;
  const int rank = projects ? sampled_projection_rank(data, soap, kernel, skip_isolated, clustered_atoms, context.comm)
                            : static_cast<int>(s.features);
  s.soap_columns = rank;
  const MemoryEstimate memory = estimate_memory(s, context.settings, held_mb);
  // The rank that needs the most sets the job's memory per rank.
  const double peak = max_over_ranks(memory.peak_mb(with_matrices), context.comm);
  const double descriptors_mb =
      max_over_ranks(with_matrices ? memory.descriptors_mb : memory.descriptors_alone_mb, context.comm);
  const double kernels_mb = max_over_ranks(std::max(memory.coulomb_kernel_mb, memory.soap_kernel_mb), context.comm);
  const double clustering_mb = max_over_ranks(std::max(memory.delta_scan_mb, memory.map_mb), context.comm);
  const double held = max_over_ranks(held_mb, context.comm);

  char projection[300] = "";
  if (projects && rank < s.features) {
    s.soap_columns = s.features;
    const double unprojected = max_over_ranks(estimate_memory(s, context.settings, held_mb).peak_mb(true), context.comm);
    std::snprintf(projection, sizeof projection,
                  "  SOAP projection: about %d of %.0f dimensions kept (the projection on a sample of frames; "
                  "peak up to %.0f MB if it keeps all)\n",
                  rank, s.features, unprojected);
  } else if (projects) {
    std::snprintf(projection, sizeof projection, "  SOAP projection: would not pay off at this size (all %.0f dimensions kept)\n",
                  s.features);
  }
  char stages[200] = "";
  if (with_matrices)
    std::snprintf(stages, sizeof stages, ", kernels %.1f MB, clustering and map %.1f MB", kernels_mb, clustering_mb);
  const std::string learning = learns ? learning_memory(context, data.index, soap.species.size(), ranks) : "";
  char text[1600];
  std::snprintf(text, sizeof text,
                "dry run of `hykal %s` on %d rank(s):\n"
                "  %.0f frames (%lld clustered), %lld atoms, largest frame %lld atoms\n"
                "  SOAP: %.0f features per atom; Coulomb matrices %.0f × %.0f\n%s"
                "  estimated memory per rank beside program and frames (%.1f MB): descriptors %.1f MB%s\n"
                "  estimated peak memory per rank: %.0f MB (the rank that needs the most)%s\n"
                "nothing was written.",
                command.c_str(), ranks, s.frames, clustered, static_cast<long long>(data.index.n_atoms_total()), largest,
                s.features, s.n_atoms_max, s.n_atoms_max, projection, held, descriptors_mb, stages, peak,
                learning.c_str());
  context.logger.info(text);
}

}  // namespace hykal::app
