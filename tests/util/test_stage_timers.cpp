// Stage timers reduce to min/avg/max over ranks: stages in rank 0's order, then those only other
// ranks ran (a rank that never ran a stage counts 0 s). Reference: the analytic times set below.
#include "hykal/util/stage_timers.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

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
