#pragma once
// The commands of `hykal <command>`, one function each (INTERFACE.md). A command receives the
// run's context and returns normally or throws; main() turns exceptions into messages.
#include "hykal/app/command_line.hpp"
#include "hykal/app/configuration.hpp"
#include "hykal/app/stage_settings.hpp"
#include "hykal/util/logger.hpp"
#include "hykal/util/stage_timers.hpp"

#include <mpi.h>

#include <string>
#include <vector>

namespace hykal::app {

struct RunContext {
  MPI_Comm comm;
  const CommandLine& command_line;
  const Configuration& configuration;  // as a whole: printed, stored, the stored-kernel signature
  const StageSettings& settings;       // every value, parsed and checked at start
  const util::Logger& logger;
  util::StageTimers& timers;
};

struct Command {
  std::string name;
  std::string summary;
  void (*run)(RunContext& context);
};

const std::vector<Command>& commands();
const Command* find_command(const std::string& name);  // nullptr if unknown

void run_info(RunContext& context);
// --dry-run of any command: the plan and the estimated memory per rank.
void run_dry_run(RunContext& context);
void run_descriptors(RunContext& context);
void run_kernels(RunContext& context);
void run_cluster(RunContext& context);
// `learn` and `run` (learn_command.cpp).
void run_learn(RunContext& context);
void run_fit(RunContext& context);
// --dry-run of `fit`: the stacked system's size and the memory per rank it needs.
void run_fit_dry_run(RunContext& context);
void run_predict(RunContext& context);
// --dry-run of `predict`: the frames, the model and the memory per rank.
void run_predict_dry_run(RunContext& context);

}  // namespace hykal::app
