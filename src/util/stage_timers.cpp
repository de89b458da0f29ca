#include "hykal/util/stage_timers.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <utility>

namespace hykal::util {

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

// Each value's min, average and max over the ranks (one reduction per statistic for all stages).
void reduce_min_avg_max(const std::vector<double>& mine, std::vector<double>& low, std::vector<double>& average,
                        std::vector<double>& high, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const int n = static_cast<int>(mine.size());
  low.resize(mine.size());
  average.resize(mine.size());
  high.resize(mine.size());
  MPI_Allreduce(mine.data(), low.data(), n, MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(mine.data(), high.data(), n, MPI_DOUBLE, MPI_MAX, comm);
  MPI_Allreduce(mine.data(), average.data(), n, MPI_DOUBLE, MPI_SUM, comm);
  for (double& value : average) value /= size;
}

}  // namespace

std::vector<StageTime> StageTimers::summarise(MPI_Comm comm) const {
  int size = 1;
  MPI_Comm_size(comm, &size);
  // Every rank's stage names, one per line, gathered in rank order; the rows are their union.
  std::string mine;
  for (const Record& entry : records_) mine += entry.stage + '\n';
  int length = static_cast<int>(mine.size());
  std::vector<int> lengths(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size), 0);
  MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
  for (std::size_t r = 1; r < lengths.size(); ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::string all(static_cast<std::size_t>(offsets.back() + lengths.back()), '\0');
  MPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, comm);

  std::vector<StageTime> rows;
  for (std::size_t start = 0; start < all.size();) {
    const std::size_t end = all.find('\n', start);
    const std::string stage = all.substr(start, end - start);
    start = end + 1;
    if (std::none_of(rows.begin(), rows.end(), [&](const StageTime& row) { return row.stage == stage; }))
      rows.push_back(StageTime{stage});
  }
  std::vector<double> seconds(rows.size(), 0.0), cpu_seconds(rows.size(), 0.0), peak_mb(rows.size(), 0.0);
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (const Record& entry : records_)
      if (entry.stage == rows[i].stage) {
        seconds[i] = entry.seconds;
        cpu_seconds[i] = entry.cpu_seconds;
        peak_mb[i] = entry.peak_mb;
      }
  std::vector<double> low, average, high;
  reduce_min_avg_max(seconds, low, average, high, comm);
  for (std::size_t i = 0; i < rows.size(); ++i)
    std::tie(rows[i].min_seconds, rows[i].avg_seconds, rows[i].max_seconds) = std::tie(low[i], average[i], high[i]);
  reduce_min_avg_max(cpu_seconds, low, average, high, comm);
  for (std::size_t i = 0; i < rows.size(); ++i)
    std::tie(rows[i].min_cpu_seconds, rows[i].avg_cpu_seconds, rows[i].max_cpu_seconds) = std::tie(low[i], average[i], high[i]);
  reduce_min_avg_max(peak_mb, low, average, high, comm);
  for (std::size_t i = 0; i < rows.size(); ++i)
    std::tie(rows[i].min_peak_mb, rows[i].avg_peak_mb, rows[i].max_peak_mb) = std::tie(low[i], average[i], high[i]);
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

}  // namespace hykal::util
