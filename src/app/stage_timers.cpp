#include "hykal/app/stage_timers.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hykal::app {

StageTimers::Scope::Scope(StageTimers& timers, std::string stage)
    : timers_(timers), stage_(std::move(stage)), start_(std::chrono::steady_clock::now()), cpu_start_(process_cpu_seconds()) {}

StageTimers::Scope::~Scope() {
  timers_.add(stage_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(),
              process_cpu_seconds() - cpu_start_);
}

double peak_resident_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;  // Linux reports kibibytes
}

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void StageTimers::add(const std::string& stage, double seconds, double cpu_seconds) {
  auto found = std::find_if(records_.begin(), records_.end(), [&](const Record& entry) { return entry.stage == stage; });
  if (found == records_.end()) found = records_.insert(records_.end(), Record{stage, 0.0, 0.0, 0.0});
  found->seconds += seconds;
  found->cpu_seconds += cpu_seconds;
  found->peak_mb = peak_resident_mb();
}

namespace {

void reduce_min_avg_max(double mine, double& low, double& average, double& high, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  MPI_Allreduce(&mine, &low, 1, MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(&mine, &high, 1, MPI_DOUBLE, MPI_MAX, comm);
  MPI_Allreduce(&mine, &average, 1, MPI_DOUBLE, MPI_SUM, comm);
  average /= size;
}

}  // namespace

std::vector<StageTime> StageTimers::summarise(MPI_Comm comm) const {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  // Rank 0's stage names, joined by '\n', define the rows.
  std::string names;
  if (rank == 0)
    for (const Record& entry : records_) names += entry.stage + '\n';
  int length = static_cast<int>(names.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, comm);
  names.resize(static_cast<std::size_t>(length));
  MPI_Bcast(names.data(), length, MPI_CHAR, 0, comm);

  std::vector<StageTime> rows;
  for (std::size_t start = 0; start < names.size();) {
    const std::size_t end = names.find('\n', start);
    StageTime row;
    row.stage = names.substr(start, end - start);
    start = end + 1;
    Record mine;
    for (const Record& entry : records_)
      if (entry.stage == row.stage) mine = entry;
    reduce_min_avg_max(mine.seconds, row.min_seconds, row.avg_seconds, row.max_seconds, comm);
    reduce_min_avg_max(mine.cpu_seconds, row.min_cpu_seconds, row.avg_cpu_seconds, row.max_cpu_seconds, comm);
    reduce_min_avg_max(mine.peak_mb, row.min_peak_mb, row.avg_peak_mb, row.max_peak_mb, comm);
    rows.push_back(row);
  }
  return rows;
}

std::string timing_table(const std::vector<StageTime>& rows) {
  std::string table = "stage                              min (s)    avg (s)    max (s)   peak max (MB)\n";
  char line[200];
  for (const StageTime& row : rows) {
    std::snprintf(line, sizeof line, "%-32s %10.3f %10.3f %10.3f %15.1f\n", row.stage.c_str(), row.min_seconds,
                  row.avg_seconds, row.max_seconds, row.max_peak_mb);
    table += line;
  }
  return table;
}

}  // namespace hykal::app
