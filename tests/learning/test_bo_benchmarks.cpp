// The Bayesian optimiser on the standard test functions (benchmark_functions.hpp, published
// minima): within its budget it must come within 1% of the global minimum, and over 10 seeds its
// mean best value must beat uniform random search with the same number of evaluations.
// Hartmann-6 has a second basin at −3.2032, 3.6% above the minimum, that expected improvement
// can settle in: one of the 10 seeds stays there, so that case asks for 9 of 10 seeds and a
// mean best within 1%.
#include "benchmark_functions.hpp"
#include "hykal/learning/bayesian_optimiser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

using namespace hykal::learning;
using hykal::test::BenchmarkFunction;

namespace {

struct Budget {
  std::size_t n_initial;
  std::size_t n_evaluations;  // initial design included
  std::size_t batch;
};

double optimise(const BenchmarkFunction& f, const Budget& budget, std::uint64_t seed) {
  BayesianOptimiserSettings settings;
  settings.n_initial = budget.n_initial;
  settings.seed = seed;
  BayesianOptimiser optimiser(f.space, settings);
  for (std::size_t done = 0; done < budget.n_evaluations; done += budget.batch)
    for (const Proposal& p : optimiser.propose(std::min(budget.batch, budget.n_evaluations - done)))
      optimiser.record_value(p.id, f.value(p.values));
  return optimiser.best()->second;
}

double random_search(const BenchmarkFunction& f, std::size_t n_evaluations, std::uint64_t seed) {
  RandomStream random(seed);
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < n_evaluations; ++k) {
    Eigen::VectorXd u(static_cast<Eigen::Index>(f.space.dimension()));
    for (Eigen::Index i = 0; i < u.size(); ++i) u(i) = random.uniform();
    best = std::min(best, f.value(f.space.to_values(u)));
  }
  return best;
}

void check(const BenchmarkFunction& f, const Budget& budget, int seeds_required_within_one_percent) {
  const int n_seeds = 10;
  double bo_sum = 0.0, random_sum = 0.0;
  int within_one_percent = 0;
  double worst = -std::numeric_limits<double>::infinity();
  for (int seed = 0; seed < n_seeds; ++seed) {
    const double bo = optimise(f, budget, static_cast<std::uint64_t>(seed));
    bo_sum += bo;
    worst = std::max(worst, bo);
    random_sum += random_search(f, budget.n_evaluations, static_cast<std::uint64_t>(seed) + 1000);
    if (std::abs(bo - f.minimum) <= 0.01 * std::abs(f.minimum)) ++within_one_percent;
  }
  std::printf("%s, %zu evaluations in batches of %zu: %d/%d seeds within 1%%, worst %.6f, mean best %.6f (BO) vs %.6f (random)\n",
              f.name.c_str(), budget.n_evaluations, budget.batch, within_one_percent, n_seeds, worst, bo_sum / n_seeds,
              random_sum / n_seeds);
  CHECK(within_one_percent >= seeds_required_within_one_percent);
  CHECK(std::abs(bo_sum / n_seeds - f.minimum) <= 0.01 * std::abs(f.minimum));
  CHECK(bo_sum < random_sum);
}

}  // namespace

TEST_CASE("Branin: within 1% of the minimum in 40 evaluations, better than random search") {
  check(hykal::test::branin(), Budget{10, 40, 1}, 10);
}

TEST_CASE("Branin in batches of 4 (kriging believer): within 1% in 40 evaluations") {
  check(hykal::test::branin(), Budget{8, 40, 4}, 10);
}

TEST_CASE("Hartmann-6: 9 of 10 seeds within 1% of the minimum in 80 evaluations, better than random search") {
  check(hykal::test::hartmann6(), Budget{20, 80, 1}, 9);
}
