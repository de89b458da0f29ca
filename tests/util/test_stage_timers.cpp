// Stage timers reduce to min/avg/max over ranks: stages in rank 0's order, then those only other
// ranks ran (a rank that never ran a stage counts 0 s). Reference: the analytic times set below.
#include "hykal/util/stage_timers.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>
#include <time.h>

#include <vector>

TEST_CASE("min, average and max over ranks") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  hykal::util::StageTimers timers;
  timers.add("read", 1.0 + rank);  // rank r spends 1 + r seconds
  timers.add("solve", 2.0);
  timers.add("read", 0.5);
  if (rank == size - 1) timers.add("only on the last rank", 3.0);
  const auto rows = timers.summarise(MPI_COMM_WORLD);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].stage == "read");
  CHECK(rows[0].min_seconds == Approx(1.5));
  CHECK(rows[0].max_seconds == Approx(0.5 + size));
  CHECK(rows[0].avg_seconds == Approx(1.5 + (size - 1) / 2.0));
  CHECK(rows[1].stage == "solve");
  CHECK(rows[1].avg_seconds == Approx(2.0));
  const hykal::util::StageTime& last = rows.back();
  CHECK(last.stage == "only on the last rank");
  CHECK(last.max_seconds == Approx(3.0));
  CHECK(last.min_seconds == Approx(size > 1 ? 0.0 : 3.0));
  CHECK(last.avg_seconds == Approx(3.0 / size));
  CHECK_THAT(hykal::util::timing_table(rows), Catch::Contains("read") && Catch::Contains("max (s)"));
}

TEST_CASE("each stage records the peak resident memory per rank") {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  hykal::util::StageTimers timers;
  timers.add("before", 0.1);
  // Reference: 100 MB written page by page on every rank must show in the high-water mark.
  std::vector<char> block(100'000'000);
  for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(i);
  timers.add("after", 0.1);
  const auto rows = timers.summarise(MPI_COMM_WORLD);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].min_peak_mb >= 100.0);
  CHECK(rows[1].min_peak_mb > rows[0].max_peak_mb);
  CHECK(rows[0].min_peak_mb <= rows[0].avg_peak_mb);
  CHECK(rows[0].avg_peak_mb <= rows[0].max_peak_mb);
  CHECK(block[4096] == static_cast<char>(4096));
}

TEST_CASE("CPU time counts work, not waiting") {
  hykal::util::StageTimers timers;
  {
    auto timer = timers.scope("spin");
    // Reference: the process's own CPU clock, read around a busy loop of at least 50 ms.
    const double start = hykal::util::process_cpu_seconds();
    volatile double sink = 0;
    while (hykal::util::process_cpu_seconds() - start < 0.05) sink = sink + 1.0;
  }
  {
    auto timer = timers.scope("sleep");
    struct timespec pause{0, 100'000'000};  // 100 ms asleep: wall time, next to no CPU time
    nanosleep(&pause, nullptr);
  }
  const auto rows = timers.summarise(MPI_COMM_WORLD);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].min_cpu_seconds >= 0.05);
  CHECK(rows[0].max_seconds >= rows[0].min_cpu_seconds * 0.99);
  CHECK(rows[1].min_seconds >= 0.1);
  CHECK(rows[1].max_cpu_seconds < 0.05);
}
