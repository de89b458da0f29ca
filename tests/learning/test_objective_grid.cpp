// The objective the optimiser sees is rounded to a fixed grid (gap_objective.hpp) so that fits on
// different process grids, whose RMSEs differ in the last digits, steer the loop alike. Checked
// against the definition: rounding-level perturbations (1e-13 relative, as measured between a 1-
// and a 2-rank fit; 1e-15 eV/atom absolute) give the identical value, a change of 1e-6 eV/atom
// (the last digit of meV/atom the log prints) survives with its size, the rounded value is the
// nearest grid point, and non-finite errors stay non-finite.
#include "hykal/learning/gap_objective.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace hykal::learning;

namespace {

// Test RMSEs spread log-uniformly over 0.1 meV/atom … 1 eV/atom (eV/atom), from a fixed seed.
std::vector<double> rmse_values() {
  std::mt19937_64 generator(20261202);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    const double u = static_cast<double>(generator() >> 11) * 0x1.0p-53;
    values.push_back(1e-4 * std::pow(1e4, u));
  }
  return values;
}

double energy_on_grid(double energy_rmse) { return on_objective_grid({energy_rmse, 0.1}).energy_rmse; }

}  // namespace

TEST_CASE("rounding-level differences of a test RMSE give the identical objective", "[learning]") {
  for (const double x : rmse_values()) {
    const double rounded = energy_on_grid(x);
    for (const double perturbed : {x * (1.0 + 1e-13), x * (1.0 - 1e-13), x + 1e-15, x - 1e-15}) {
      INFO("RMSE " << x << " eV/atom, perturbed " << perturbed);
      CHECK(energy_on_grid(perturbed) == rounded);
    }
  }
}

TEST_CASE("a change of 1e-6 eV/atom changes the objective by that much", "[learning]") {
  for (const double x : rmse_values()) {
    INFO("RMSE " << x << " eV/atom");
    const double change = energy_on_grid(x + 1e-6) - energy_on_grid(x);
    CHECK(std::abs(change - 1e-6) <= objective_resolution * (1.0 + 1e-6));
  }
}

TEST_CASE("the objective is the nearest grid point, and rounding it again changes nothing", "[learning]") {
  for (const double x : rmse_values()) {
    INFO("RMSE " << x << " eV/atom");
    const double rounded = energy_on_grid(x);
    CHECK(std::abs(rounded - x) <= 0.5 * objective_resolution * (1.0 + 1e-6));
    CHECK(energy_on_grid(rounded) == rounded);
  }
  const FitErrors both = on_objective_grid({0.01155123456, 0.2345678912});
  CHECK(both.energy_rmse == Approx(0.0115512).margin(1e-15));
  CHECK(both.force_rmse == Approx(0.2345679).margin(1e-15));
}

TEST_CASE("non-finite errors stay non-finite, so the fit is still a failure", "[learning]") {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const FitErrors a = on_objective_grid({nan, inf});
  CHECK(std::isnan(a.energy_rmse));
  CHECK(std::isinf(a.force_rmse));
  const FitErrors huge = on_objective_grid({1e300, 0.1});  // beyond the grid: kept, still finite
  CHECK(huge.energy_rmse == 1e300);
}
