// Stage timers reduce to min/avg/max over ranks, stages in rank 0's order.
#include "hykal/app/stage_timers.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

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
