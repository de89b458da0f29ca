#pragma once
// Rank-0 logging: every line carries the wall time since start, so a SLURM log shows where a
// long run spends its time. Other ranks stay silent unless they fail. "Rank 0" is rank 0 of the
// logger's communicator: a group of ranks (one GAP fit of several) logs through its own logger,
// with a prefix naming the group.
#include <mpi.h>

#include <chrono>
#include <string>

namespace hykal::util {

class Logger {
 public:
  explicit Logger(MPI_Comm comm, std::string prefix = "");
  bool is_root() const { return rank_ == 0; }
  void info(const std::string& message) const;
  void warning(const std::string& message) const;
  double elapsed_seconds() const;

 private:
  int rank_ = 0;
  std::string prefix_;  // put before every message, e.g. "fit group 2: "
  std::chrono::steady_clock::time_point start_;
};

// A progress line for long loops: prints "label: done/total (pct %), elapsed, ETA" on rank 0,
// at most every few seconds and once at the end. `done` counts rank 0's own share, scaled to
// the whole: ranks work in lock-step on balanced shares.
class Progress {
 public:
  Progress(const Logger& logger, std::string label);
  void update(long long done, long long total);

 private:
  const Logger& logger_;
  std::string label_;
  double started_;
  double last_print_ = -1e300;
};

}  // namespace hykal::util
