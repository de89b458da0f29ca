// hykal's entry point. The one place where exceptions become messages and exit codes:
//  - input errors that every rank agrees on (CollectiveInputError) are printed once, by rank 0,
//    and every rank exits with status 1 through MPI_Finalize;
//  - anything else may be known to one rank only, so that rank prints it and calls MPI_Abort,
//    which stops the others instead of leaving them waiting in a collective call.
#include "hykal/app/banner.hpp"
#include "hykal/app/command_line.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/version_string.hpp"
#include "hykal/io/interrupt_cleanup.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <hdf5.h>
#include <mpi.h>

#include <cstdio>
#include <iostream>
#include <optional>

namespace {

// Peak resident memory per rank (min/avg/max), for sizing batch jobs.
std::string peak_memory_line(MPI_Comm comm) {
  const double mine = hykal::util::peak_resident_mb();
  double low = 0, high = 0, sum = 0;
  int size = 1;
  MPI_Comm_size(comm, &size);
  MPI_Allreduce(&mine, &low, 1, MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(&mine, &high, 1, MPI_DOUBLE, MPI_MAX, comm);
  MPI_Allreduce(&mine, &sum, 1, MPI_DOUBLE, MPI_SUM, comm);
  char text[120];
  std::snprintf(text, sizeof text, "peak memory per rank: min %.1f MB, avg %.1f MB, max %.1f MB", low, sum / size, high);
  return text;
}

int run(int argc, char** argv, MPI_Comm comm) {
  using namespace hykal::app;
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  std::optional<CommandLine> line;
  std::optional<Configuration> configuration;
  std::optional<StageSettings> settings;
  hykal::parallel::agree_on_input_errors(comm, [&] {
    line = parse_command_line(argc, argv);
    if (line->help || line->version) return;
    configuration = Configuration::load(line->config_path, line->overrides);
    settings = stage_settings(*configuration);
  });
  if (line->version || line->help) {
    if (rank == 0) std::cout << (line->version ? version_string() + "\n" : help_text(line->command));
    return 0;
  }

  hykal::util::Logger logger(comm);
  logger.info(start_banner(comm, line->command, *configuration));
  hykal::util::StageTimers timers;
  RunContext context{comm, *line, *configuration, *settings, logger, timers};
  if (line->dry_run)
    run_dry_run(context);
  else
    find_command(line->command)->run(context);
  const auto rows = timers.summarise(comm);
  logger.info("timings over " + std::to_string(size) + " ranks:\n" + hykal::util::timing_table(rows) + peak_memory_line(comm));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  // Errors of HDF5 calls become one hykal message; HDF5's own stack printout would repeat on
  // every rank.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hykal::io::install_interrupt_cleanup();
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int status = 0;
  try {
    status = run(argc, argv, MPI_COMM_WORLD);
  } catch (const hykal::parallel::CollectiveInputError& error) {
    // One write, so the line is never split by the log lines other streams interleave.
    if (rank == 0) std::cerr << "hykal: error: " + std::string(error.what()) + "\n" << std::flush;
    status = 1;
  } catch (const std::exception& error) {
    std::cerr << "hykal: error on rank " + std::to_string(rank) + ": " + error.what() + "\n" << std::flush;
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return status;
}
