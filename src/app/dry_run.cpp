// `--dry-run`: what a command would do and how much memory each rank would need, before a long
// job is queued. The data set is read (cheap next to the kernels) so the estimate uses the real
// frame count, atom counts and species.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/util/stage_timers.hpp"
#include "hykal/descriptors/data_set_species.hpp"

#include <algorithm>
#include <cstdio>

namespace hykal::app {

namespace {

// Peak memory of this rank in a `cluster` run, MB (docs/performance-model.md, "Memory per rank"):
// what the process holds after reading (program, MPI, its frames: measured here), its per-atom
// SOAP and Coulomb matrices, then the larger of the SOAP kernel stage's working set (one copy of
// its per-atom rows, the ring's panel buffers, its frames' kernel rows, one N×N matrix) and the
// six N×N matrices of the δ scan and the map with the spectral embedding every rank holds whole
// (N × max_clusters, clustering/spectral_embedding.cpp).
struct MemoryEstimate {
  double held_mb, descriptors_mb, kernel_work_mb, matrices_mb;
  double peak_mb(bool with_matrices) const {
    return held_mb + descriptors_mb + (with_matrices ? std::max(kernel_work_mb, matrices_mb) : 0.0);
  }
};

MemoryEstimate estimate_memory(const io::LocalFrames& data, double features, double largest, double clustered,
                               double eigenvectors, MPI_Comm comm) {
  int ranks = 1;
  MPI_Comm_size(comm, &ranks);
  double own_atoms = 0;
  for (const io::Frame& frame : data.frames) own_atoms += static_cast<double>(frame.n_atoms());
  const double own_frames = static_cast<double>(data.frames.size());
  double most_atoms = own_atoms;
  MPI_Allreduce(MPI_IN_PLACE, &most_atoms, 1, MPI_DOUBLE, MPI_MAX, comm);
  // The ring holds the panel in flight, and from 3 steps on also the one being used
  // (kernels/average_kernel.cpp): floor(P/2) + 1 steps.
  const int steps = ranks / 2 + 1;
  const double panels = (steps > 1 ? 1.0 : 0.0) + (steps > 2 ? 1.0 : 0.0);
  const double matrix_mb = 8.0 * clustered * clustered / ranks / 1e6;
  MemoryEstimate estimate{};
  estimate.held_mb = util::peak_resident_mb();
  estimate.descriptors_mb = 8.0 * (own_atoms * features + own_frames * largest * largest) / 1e6;
  estimate.kernel_work_mb = 8.0 * (own_atoms * features + panels * most_atoms * features + own_frames * clustered) / 1e6 + matrix_mb;
  estimate.matrices_mb = 6.0 * matrix_mb + 8.0 * clustered * eigenvectors / 1e6;
  return estimate;
}

}  // namespace

void run_dry_run(RunContext& context) {
  if (context.command_line.command == "fit") return run_fit_dry_run(context);
  if (context.command_line.command == "predict") return run_predict_dry_run(context);
  const io::LocalFrames data = load_data_set(context, false, Outputs::none);
  const descriptors::SoapSettings& soap = context.settings.descriptors.soap;
  int ranks = 1;
  MPI_Comm_size(context.comm, &ranks);
  const double s = static_cast<double>(soap.species.empty() ? descriptors::species_of_data_set(data.frames, context.comm).size()
                                                            : soap.species.size());
  const double n_max = soap.n_max;
  const double features = (s * n_max) * (s * n_max + 1) / 2 * static_cast<double>(soap.l_max + 1);
  long long largest = 0, clustered = 0;
  for (const io::FrameLocation& frame : data.index.frames) {
    largest = std::max<long long>(largest, frame.n_atoms);
    clustered += frame.n_atoms > 1 || !context.settings.data.skip_isolated_atoms;
  }
  const double atoms = static_cast<double>(data.index.n_atoms_total());
  // As clustering_options resolves clustering.max_clusters (auto: min(N − 1, 50)).
  const double eigenvectors = static_cast<double>(
      context.settings.clustering.max_clusters.value_or(static_cast<int>(std::min(clustered - 1, 50LL))));
  const MemoryEstimate memory = estimate_memory(data, features, static_cast<double>(largest), static_cast<double>(clustered),
                                                eigenvectors, context.comm);
  // The rank with the most atoms sets the job's memory per rank.
  double held = memory.held_mb, descriptors = memory.descriptors_mb, kernel_work = memory.kernel_work_mb;
  MPI_Allreduce(MPI_IN_PLACE, &held, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  MPI_Allreduce(MPI_IN_PLACE, &descriptors, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  MPI_Allreduce(MPI_IN_PLACE, &kernel_work, 1, MPI_DOUBLE, MPI_MAX, context.comm);
  const MemoryEstimate largest_rank{held, descriptors, kernel_work, memory.matrices_mb};
  const std::string command = context.command_line.command;
  const bool with_matrices = command == "kernels" || command == "cluster";
  char matrices[200] = "";
  if (with_matrices)
    std::snprintf(matrices, sizeof matrices, ", N×N matrices %.1f MB, kernel working set %.1f MB", largest_rank.matrices_mb,
                  largest_rank.kernel_work_mb);
  char text[800];
  std::snprintf(text, sizeof text,
                "dry run of `hykal %s` on %d rank(s):\n"
                "  %lld frames (%lld clustered), %.0f atoms, largest frame %lld atoms\n"
                "  SOAP: %.0f features per atom; Coulomb matrices %lld × %lld\n"
                "  estimated memory per rank: descriptors %.1f MB%s, program and frames %.1f MB\n"
                "  estimated peak memory per rank: %.0f MB (the rank with the most atoms)\n"
                "nothing was computed or written.",
                command.c_str(), ranks, static_cast<long long>(data.index.n_frames()), clustered, atoms, largest, features,
                largest, largest, largest_rank.descriptors_mb, matrices, largest_rank.held_mb, largest_rank.peak_mb(with_matrices));
  context.logger.info(text);
}

}  // namespace hykal::app
