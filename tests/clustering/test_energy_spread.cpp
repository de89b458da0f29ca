// Energy spread (METHOD.md §4) on a hand-computed case.
#include "hykal/clustering/energy_spread.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using hykal::clustering::energy_spread;

TEST_CASE("energy spread: population σ per cluster in meV/atom, singletons zero", "[clustering][energy]") {
  // Cluster 0: −5.000, −5.002 eV/atom → deviations ±1 meV → σ = 1 meV/atom.
  // Cluster 1: −4.000, −4.003, −4.006 → deviations 3, 0, 3 meV → σ = √(18/3) = √6 meV/atom.
  // Cluster 2: one frame → σ = 0 (it counts in the mean).
  const std::vector<int> labels{1, 0, 1, 2, 0, 1};
  const std::vector<double> energies{-4.000, -5.000, -4.003, -7.5, -5.002, -4.006};
  const auto spread = energy_spread(labels, energies, 3);
  REQUIRE(spread.sigma.size() == 3);
  CHECK(spread.sigma[0] == Approx(1.0).epsilon(1e-9));
  CHECK(spread.sigma[1] == Approx(std::sqrt(6.0)).epsilon(1e-9));
  CHECK(spread.sigma[2] == 0.0);
  CHECK(spread.mean == Approx((1.0 + std::sqrt(6.0)) / 3.0).epsilon(1e-9));
  CHECK(spread.max == Approx(std::sqrt(6.0)).epsilon(1e-9));
}

TEST_CASE("energy spread: an empty cluster is left out of the mean", "[clustering][energy]") {
  const auto spread = energy_spread({0, 0, 2, 2}, {1.0, 1.002, 2.0, 2.0}, 3);
  CHECK(std::isnan(spread.sigma[1]));
  CHECK(spread.mean == Approx(0.5).epsilon(1e-9));
}

TEST_CASE("energy spread: bad labels are input errors", "[clustering][energy]") {
  CHECK_THROWS_AS(energy_spread({0, 3}, {1.0, 2.0}, 3), hykal::InputError);
  CHECK_THROWS_AS(energy_spread({0, 1}, {1.0}, 2), hykal::InputError);
}
