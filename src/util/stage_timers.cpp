#include "hykal/util/stage_timers.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hykal::util {

StageTimers::Scope::Scope(StageTimers& timers, std::string stage)
    : timers_(timers), stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}

StageTimers::Scope::~Scope() {
  timers_.add(stage_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void StageTimers::add(const std::string& stage, double seconds) {
  auto found = std::find_if(seconds_.begin(), seconds_.end(), [&](const auto& entry) { return entry.first == stage; });
  if (found == seconds_.end())
    seconds_.emplace_back(stage, seconds);
  else
    found->second += seconds;
}

std::vector<StageTime> StageTimers::summarise(MPI_Comm comm) const {
  int size = 1;
  MPI_Comm_size(comm, &size);
  // Every rank's stage names, one per line, gathered in rank order; the rows are their union.
  std::string mine;
  for (const auto& entry : seconds_) mine += entry.first + '\n';
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
  std::vector<double> seconds(rows.size(), 0.0), low(rows.size()), high(rows.size()), sum(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (const auto& entry : seconds_)
      if (entry.first == rows[i].stage) seconds[i] = entry.second;
  const int n = static_cast<int>(rows.size());
  MPI_Allreduce(seconds.data(), low.data(), n, MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(seconds.data(), high.data(), n, MPI_DOUBLE, MPI_MAX, comm);
  MPI_Allreduce(seconds.data(), sum.data(), n, MPI_DOUBLE, MPI_SUM, comm);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].min_seconds = low[i];
    rows[i].max_seconds = high[i];
    rows[i].avg_seconds = sum[i] / size;
  }
  return rows;
}

std::string timing_table(const std::vector<StageTime>& rows) {
  std::string table = "stage                              min (s)    avg (s)    max (s)\n";
  char line[160];
  for (const StageTime& row : rows) {
    std::snprintf(line, sizeof line, "%-32s %10.3f %10.3f %10.3f\n", row.stage.c_str(), row.min_seconds,
                  row.avg_seconds, row.max_seconds);
    table += line;
  }
  return table;
}

}  // namespace hykal::util
