// `--dry-run`: what a command would do and how much memory each rank would need, before a long
// job is queued. The data set is read (cheap next to the kernels) so the estimate uses the real
// frame count, atom counts and species.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/descriptors/data_set_species.hpp"

#include <cstdio>

namespace hykal::app {

void run_dry_run(RunContext& context) {
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
  const double descriptors_mb = 8.0 * (atoms * features + data.index.n_frames() * double(largest) * largest) / ranks / 1e6;
  // Two kernels, the hybrid kernel, D and the eigensolver's copy of the Laplacian (docs/commands.md).
  const double matrices_mb = 6.0 * 8.0 * double(clustered) * double(clustered) / ranks / 1e6;
  const std::string command = context.command_line.command;
  char matrices[80] = "";
  if (command == "kernels" || command == "cluster") std::snprintf(matrices, sizeof matrices, ", N×N matrices %.1f MB", matrices_mb);
  char text[600];
  std::snprintf(text, sizeof text,
                "dry run of `hykal %s` on %d rank(s):\n"
                "  %lld frames (%lld clustered), %.0f atoms, largest frame %lld atoms\n"
                "  SOAP: %.0f features per atom; Coulomb matrices %lld × %lld\n"
                "  estimated memory per rank: descriptors %.1f MB%s\n"
                "nothing was computed or written.",
                command.c_str(), ranks, static_cast<long long>(data.index.n_frames()), clustered, atoms, largest, features,
                largest, largest, descriptors_mb, matrices);
  context.logger.info(text);
}

}  // namespace hykal::app
