// The δ values of clustering.delta / clustering.delta_step (METHOD.md §4: δ = 0, 0.1, …, 1).
#include "hykal/clustering/delta_scan.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

using hykal::clustering::delta_values;

TEST_CASE("the default scan is 0, 0.1, …, 1 with exact decimals") {
  const auto deltas = delta_values("scan", 0.1);
  REQUIRE(deltas.size() == 11);
  CHECK(deltas[3] == 0.3);
  CHECK(deltas.front() == 0.0);
  CHECK(deltas.back() == 1.0);
  CHECK(delta_values("scan", 0.25) == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK(delta_values("scan", 0.3) == std::vector<double>{0.0, 0.3, 0.6, 0.9, 1.0});
}

TEST_CASE("a single δ, and δ or steps outside their range are errors naming the option") {
  CHECK(delta_values("0.6", 0.1) == std::vector<double>{0.6});
  CHECK_THROWS_WITH(delta_values("1.5", 0.1), Catch::StartsWith("delta:"));
  CHECK_THROWS_WITH(delta_values("-0.1", 0.1), Catch::StartsWith("delta:"));
  CHECK_THROWS_WITH(delta_values("half", 0.1), Catch::StartsWith("delta:"));
  CHECK_THROWS_WITH(delta_values("scan", 0.0), Catch::StartsWith("delta step:"));
  CHECK_THROWS_WITH(delta_values("scan", 1.5), Catch::StartsWith("delta step:"));
}
