#pragma once
// Scoped stage timers (SIRIUS's PROFILE idea): `auto timer = timers.scope("read frames");`
// measures until the scope ends. Usable by every stage, on any communicator. At the end of a run, summarise() reduces every stage over the
// ranks (min/avg/max) for the table on rank 0 and /timers in the results file. Each stage also
// records the rank's peak resident memory when it ended (the high-water mark since the start),
// so --dry-run's estimate per rank can be checked against what a run really used, and the CPU
// time the rank got: on a shared or oversubscribed node wall time also counts the waits for a
// core, CPU time only the work (and MPI's busy waiting), so scaling studies there can use it.
#include <mpi.h>

#include <chrono>
#include <string>
#include <vector>

namespace hykal::util {

struct StageTime {
  std::string stage;
  double min_seconds = 0, avg_seconds = 0, max_seconds = 0;
  double min_cpu_seconds = 0, avg_cpu_seconds = 0, max_cpu_seconds = 0;
  double min_peak_mb = 0, avg_peak_mb = 0, max_peak_mb = 0;  // MB = 10⁶ bytes, as --dry-run prints
};

// This process's peak resident memory so far (getrusage's ru_maxrss), MB = 10⁶ bytes.
double peak_resident_mb();
// CPU time this process has used so far, all threads, seconds.
double process_cpu_seconds();

class StageTimers {
 public:
  class Scope {
   public:
    Scope(StageTimers& timers, std::string stage);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StageTimers& timers_;
    std::string stage_;
    std::chrono::steady_clock::time_point start_;
    double cpu_start_;
  };

  Scope scope(const std::string& stage) { return Scope(*this, stage); }
  // Adds the wall and CPU seconds to the stage and records the peak memory at this moment.
  void add(const std::string& stage, double seconds, double cpu_seconds = 0.0);

  // Collective over comm (any communicator: a fit group times itself). Every stage any rank ran,
  // in the order rank 0 saw them, then the stages only later ranks ran; a stage a rank never
  // ran counts 0 s there.
  std::vector<StageTime> summarise(MPI_Comm comm) const;

 private:
  struct Record {
    std::string stage;
    double seconds = 0, cpu_seconds = 0, peak_mb = 0;
  };
  std::vector<Record> records_;
};

std::string timing_table(const std::vector<StageTime>& rows);

}  // namespace hykal::util
