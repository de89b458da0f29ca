#include "hykal/app/stage_timers.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hykal::app {

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
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  // Rank 0's stage names, joined by '\n', define the rows.
  std::string names;
  if (rank == 0)
    for (const auto& entry : seconds_) names += entry.first + '\n';
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
    double mine = 0.0;
    for (const auto& entry : seconds_)
      if (entry.first == row.stage) mine = entry.second;
    MPI_Allreduce(&mine, &row.min_seconds, 1, MPI_DOUBLE, MPI_MIN, comm);
    MPI_Allreduce(&mine, &row.max_seconds, 1, MPI_DOUBLE, MPI_MAX, comm);
    MPI_Allreduce(&mine, &row.avg_seconds, 1, MPI_DOUBLE, MPI_SUM, comm);
    row.avg_seconds /= size;
    rows.push_back(row);
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

}  // namespace hykal::app
