#pragma once
// Scoped stage timers (SIRIUS's PROFILE idea): `auto timer = timers.scope("read frames");`
// measures until the scope ends. Usable by every stage, on any communicator. At the end of a run, summarise() reduces every stage over the
// ranks (min/avg/max) for the table on rank 0 and /timers in the results file.
#include <mpi.h>

#include <chrono>
#include <string>
#include <vector>

namespace hykal::util {

struct StageTime {
  std::string stage;
  double min_seconds = 0, avg_seconds = 0, max_seconds = 0;
};

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
  };

  Scope scope(const std::string& stage) { return Scope(*this, stage); }
  void add(const std::string& stage, double seconds);

  // Collective over comm (any communicator: a fit group times itself). Every stage any rank ran,
  // in the order rank 0 saw them, then the stages only later ranks ran; a stage a rank never
  // ran counts 0 s there.
  std::vector<StageTime> summarise(MPI_Comm comm) const;

 private:
  std::vector<std::pair<std::string, double>> seconds_;
};

std::string timing_table(const std::vector<StageTime>& rows);

}  // namespace hykal::util
