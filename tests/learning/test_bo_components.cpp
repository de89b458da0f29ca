// The pieces of the Bayesian optimiser against independent references: analytic mappings of the
// search space, the Latin-hypercube property, central finite differences for the marginal-
// likelihood and expected-improvement gradients, the closed form of EI at σ > 0, μ = f*, and
// bit-for-bit reproducibility from the seed and from a saved state.
#include "hykal/error.hpp"
#include "hykal/learning/bayesian_optimiser.hpp"
#include "hykal/learning/expected_improvement.hpp"
#include "hykal/learning/gaussian_process.hpp"
#include "hykal/learning/latin_hypercube.hpp"
#include "hykal/learning/surrogate_fit.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace hykal::learning;

namespace {

Eigen::MatrixXd random_points(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  RandomStream random(seed);
  Eigen::MatrixXd p(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) p(i, j) = random.uniform();
  return p;
}

Eigen::VectorXd smooth_targets(const Eigen::MatrixXd& p) {
  Eigen::VectorXd y(p.rows());
  for (Eigen::Index i = 0; i < p.rows(); ++i) y(i) = std::sin(6.0 * p(i, 0)) + p(i, 1) * p(i, 1) - 0.5 * p(i, 2);
  return y;
}

Matern52Hyperparameters some_hyperparameters() {
  Eigen::VectorXd theta(5);
  theta << std::log(1.3), std::log(0.4), std::log(0.7), std::log(1.9), std::log(1e-3);
  return {theta};
}

}  // namespace

TEST_CASE("search space: linear, logarithmic and integer mappings") {
  const SearchSpace space({{"a", 2.0, 6.0, Scale::linear}, {"b", 1e-3, 1e1, Scale::log}, {"n", 5, 8, Scale::integer}});
  Eigen::VectorXd u(3);
  u << 0.25, 0.5, 0.6;
  const std::vector<double> v = space.to_values(u);
  CHECK(v[0] == Approx(3.0));
  CHECK(v[1] == Approx(0.1));  // the geometric mean of the bounds
  CHECK(v[2] == 7.0);          // four cells of width 0.25: 0.6 is in the third
  u << 0.0, 1.0, 1.0;
  CHECK(space.to_values(u)[2] == 8.0);
  const Eigen::VectorXd back = space.to_unit({3.0, 0.1, 7.0});
  CHECK(back(0) == Approx(0.25));
  CHECK(back(1) == Approx(0.5));
  CHECK(back(2) == Approx(0.625));  // the centre of the cell of 7
  CHECK(space.value_of(v, "b") == Approx(0.1));
  CHECK_THROWS_AS(SearchSpace({{"x", 1.0, 1.0}}), hykal::InputError);
  CHECK_THROWS_AS(SearchSpace({{"x", 0.0, 1.0, Scale::log}}), hykal::InputError);
  CHECK_THROWS_AS(SearchSpace({{"x", 0.5, 3.0, Scale::integer}}), hykal::InputError);
}

TEST_CASE("Latin hypercube: every stratum of every axis holds exactly one point") {
  RandomStream random(5);
  const Eigen::MatrixXd design = latin_hypercube(17, 4, random);
  for (Eigen::Index axis = 0; axis < 4; ++axis) {
    std::set<int> strata;
    for (Eigen::Index i = 0; i < 17; ++i) strata.insert(static_cast<int>(std::floor(design(i, axis) * 17.0)));
    CHECK(strata.size() == 17);
  }
}

TEST_CASE("random stream: the state round-trips, permutations are permutations") {
  RandomStream a(42);
  a.uniform();
  RandomStream b(0);
  b.restore(a.state());
  CHECK(a.uniform() == b.uniform());
  CHECK(a.normal() == b.normal());
  std::vector<std::size_t> p = a.permutation(50);
  std::sort(p.begin(), p.end());
  for (std::size_t i = 0; i < 50; ++i) CHECK(p[i] == i);
}

TEST_CASE("marginal-likelihood gradient agrees with central finite differences") {
  const Eigen::MatrixXd p = random_points(25, 3, 1);
  const Eigen::VectorXd y = smooth_targets(p);
  const Matern52Hyperparameters h = some_hyperparameters();
  Eigen::VectorXd gradient;
  log_marginal_likelihood(p, y, h, &gradient);
  for (Eigen::Index k = 0; k < h.log_values.size(); ++k) {
    const double step = 1e-5;
    Matern52Hyperparameters plus = h, minus = h;
    plus.log_values(k) += step;
    minus.log_values(k) -= step;
    const double fd = (log_marginal_likelihood(p, y, plus, nullptr) - log_marginal_likelihood(p, y, minus, nullptr)) / (2 * step);
    CHECK(gradient(k) == Approx(fd).epsilon(1e-5).margin(1e-6));
  }
}

TEST_CASE("expected improvement: closed form at μ = f* and gradient by finite differences") {
  const Eigen::MatrixXd p = random_points(15, 3, 2);
  const Eigen::VectorXd y = smooth_targets(p);
  const GaussianProcess gp(p, y, some_hyperparameters());
  Eigen::VectorXd x(3);
  x << 0.3, 0.6, 0.45;
  const GaussianProcess::Prediction at_x = gp.predict(x, false);
  // EI(f* = μ) = σ φ(0) = σ / √(2π).
  CHECK(expected_improvement(gp, at_x.mean, x, nullptr) == Approx(std::sqrt(at_x.variance / (2 * 3.14159265358979323846))));
  const double best = y.minCoeff();
  Eigen::VectorXd gradient;
  expected_improvement(gp, best, x, &gradient);
  for (Eigen::Index k = 0; k < 3; ++k) {
    const double step = 1e-6;
    Eigen::VectorXd plus = x, minus = x;
    plus(k) += step;
    minus(k) -= step;
    const double fd = (expected_improvement(gp, best, plus, nullptr) - expected_improvement(gp, best, minus, nullptr)) / (2 * step);
    CHECK(gradient(k) == Approx(fd).epsilon(1e-4).margin(1e-9));
  }
  // The posterior interpolates observations (σ_n² = 1e-3 of s² = 1.3 on standardised targets).
  CHECK(gp.predict(p.row(4).transpose(), false).mean == Approx(y(4)).epsilon(0.05));
}

TEST_CASE("integer and log parameters: proposals lie on the grid and the optimum is found") {
  // (n − 7)² + (log10 x + 2)²: minimum 0 at n = 7, x = 0.01.
  const SearchSpace space({{"n", 1, 20, Scale::integer}, {"x", 1e-4, 1.0, Scale::log}});
  BayesianOptimiserSettings settings;
  settings.n_initial = 6;
  BayesianOptimiser optimiser(space, settings);
  for (int step = 0; step < 25; ++step)
    for (const Proposal& p : optimiser.propose(1)) {
      CHECK(p.values[0] == std::round(p.values[0]));
      CHECK((p.values[1] >= 1e-4 && p.values[1] <= 1.0));
      optimiser.record_value(p.id, (p.values[0] - 7) * (p.values[0] - 7) + std::pow(std::log10(p.values[1]) + 2, 2));
    }
  const auto best = optimiser.best();
  CHECK(best->first.values[0] == 7.0);
  CHECK(best->first.values[1] == Approx(0.01).epsilon(0.05));
}

TEST_CASE("same seed, same proposals; a restored state proposes what the original would") {
  const SearchSpace space({{"a", -1.0, 1.0}, {"b", 0.0, 2.0}});
  const auto f = [](const std::vector<double>& v) { return (v[0] - 0.3) * (v[0] - 0.3) + std::abs(v[1] - 1.2); };
  BayesianOptimiserSettings settings;
  settings.n_initial = 5;
  settings.seed = 9;
  BayesianOptimiser first(space, settings), second(space, settings);
  std::optional<BayesianOptimiserState> saved;
  for (int batch = 0; batch < 6; ++batch) {
    const auto a = first.propose(2), b = second.propose(2);
    for (std::size_t k = 0; k < a.size(); ++k) REQUIRE(a[k].values == b[k].values);
    // A failure and a value in every batch: failures must survive the round trip too.
    first.record_failure(a[0].id);
    second.record_failure(b[0].id);
    first.record_value(a[1].id, f(a[1].values));
    second.record_value(b[1].id, f(b[1].values));
    if (batch == 2) saved = first.state();
  }
  BayesianOptimiser restored(space, settings, *saved);
  BayesianOptimiser replay(space, settings, *saved);
  for (int batch = 3; batch < 6; ++batch) {
    const auto a = restored.propose(2);
    for (std::size_t k = 0; k < a.size(); ++k) REQUIRE(a[k].values == replay.propose(1)[0].values);
    restored.record_failure(a[0].id);
    replay.record_failure(a[0].id);
    restored.record_value(a[1].id, f(a[1].values));
    replay.record_value(a[1].id, f(a[1].values));
  }
  const auto original = first.evaluations();
  for (std::size_t id = 0; id < original.size(); ++id) CHECK(restored.evaluations()[id].unit == original[id].unit);
  BayesianOptimiserSettings other = settings;
  other.seed = 10;
  CHECK(BayesianOptimiser(space, other).propose(1)[0].values != BayesianOptimiser(space, settings).propose(1)[0].values);
}
