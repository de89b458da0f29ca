// Stage timers reduce to min/avg/max over ranks, stages in rank 0's order.
#include "hykal/app/stage_timers.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <time.h>

#include <vector>

TEST_CASE("min, average and max over ranks") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  hykal::app::StageTimers timers;
  timers.add("read", 1.0 + rank);  // rank r spends 1 + r seconds
  timers.add("solve", 2.0);
  timers.add("read", 0.5);
  if (rank != 0) timers.add("only elsewhere", 1.0);  // not in rank 0's list: not reported
  const auto rows = timers.summarise(MPI_COMM_WORLD);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].stage == "read");
  CHECK(rows[0].min_seconds == Approx(1.5));
  CHECK(rows[0].max_seconds == Approx(0.5 + size));
  CHECK(rows[0].avg_seconds == Approx(1.5 + (size - 1) / 2.0));
  CHECK(rows[1].stage == "solve");
  CHECK(rows[1].avg_seconds == Approx(2.0));
  CHECK_THAT(hykal::app::timing_table(rows), Catch::Contains("read") && Catch::Contains("max (s)"));
}

TEST_CASE("each stage records the peak resident memory per rank") {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  hykal::app::StageTimers timers;
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
  hykal::app::StageTimers timers;
  {
    auto timer = timers.scope("spin");
    // Reference: the process's own CPU clock, read around a busy loop of at least 50 ms.
    const double start = hykal::app::process_cpu_seconds();
    volatile double sink = 0;
    while (hykal::app::process_cpu_seconds() - start < 0.05) sink = sink + 1.0;
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
