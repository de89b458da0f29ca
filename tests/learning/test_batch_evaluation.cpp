// Fits of a batch on sub-communicators: the group layout, failures agreed inside a group (one
// rank throwing, a non-finite error, a timeout) without stopping the others, and the optimiser
// driven through the groups proposing exactly what a serial run proposes, at every rank count.
// Objective values are the Branin function (benchmark_functions.hpp), summed over the group's
// ranks so that every fit is a real collective of its group.
#include "benchmark_functions.hpp"
#include "hykal/error.hpp"
#include "hykal/learning/batch_evaluation.hpp"
#include "hykal/learning/bayesian_optimiser.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

using namespace hykal::learning;

namespace {

int world_size() {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

int rank_in(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

// Branin of the hyperparameters as a group sum. Fails on the group's last rank only: when
// x1 > 8 in a local phase before the collective (agreed by the context), when x1 < −4 after it
// (agreed by the driver). Returns NaN when x2 > 13.
FitErrors branin_fit(const std::vector<double>& x, const FitContext& context) {
  int size = 1;
  MPI_Comm_size(context.group(), &size);
  const bool last = rank_in(context.group()) == size - 1;
  context.agree([&] {
    if (x[0] > 8.0 && last) throw std::runtime_error("synthetic failure at x1 > 8");
  });
  const double share = hykal::test::branin().value(x) / size;
  double total = 0.0;
  MPI_Allreduce(&share, &total, 1, MPI_DOUBLE, MPI_SUM, context.group());
  if (x[0] < -4.0 && last) throw std::runtime_error("synthetic failure at x1 < -4");
  return {x[1] > 13.0 ? std::nan("") : total, 0.1};
}

}  // namespace

TEST_CASE("fit groups: contiguous balanced blocks, bo.batch checked") {
  const int size = world_size();
  const int rank = rank_in(MPI_COMM_WORLD);
  for (int count = 1; count <= size; ++count) {
    const FitGroups groups(MPI_COMM_WORLD, count);
    int group_size = 0;
    MPI_Comm_size(groups.group(), &group_size);
    CHECK((group_size == size / count || group_size == size / count + 1));
    CHECK(groups.first_rank_of(groups.index()) == rank - rank_in(groups.group()));
  }
  CHECK_THROWS_WITH(FitGroups(MPI_COMM_WORLD, size + 1), Catch::Contains("bo.batch"));
  CHECK_THROWS_WITH(FitGroups(MPI_COMM_WORLD, 0), Catch::Contains("bo.batch"));
}

TEST_CASE("one rank throwing (before and after a collective), a non-finite error: recorded, the other fits go on") {
  const FitGroups groups(MPI_COMM_WORLD, std::min(2, world_size()));
  const std::vector<std::vector<double>> proposals = {{1.0, 2.0}, {9.0, 3.0}, {2.0, 14.0}, {-3.0, 12.0}, {3.1, 2.2}, {-4.5, 1.0}};
  const auto results = evaluate_batch(groups, rank_in(MPI_COMM_WORLD) == 0 ? proposals : std::vector<std::vector<double>>{},
                                      branin_fit, 0.0);
  REQUIRE(results.size() == proposals.size());
  for (std::size_t i : {0u, 3u, 4u}) {
    CHECK(results[i].status == FitStatus::ok);
    CHECK(results[i].errors.energy_rmse == Approx(hykal::test::branin().value(proposals[i])).epsilon(1e-12));
    CHECK(results[i].group == static_cast<int>(i) % groups.count());
  }
  CHECK(results[1].status == FitStatus::failed);
  CHECK_THAT(results[1].reason, Catch::Contains("synthetic failure"));
  CHECK(results[5].status == FitStatus::failed);
  CHECK_THAT(results[5].reason, Catch::Contains("x1 < -4"));
  CHECK(results[2].status == FitStatus::non_finite);
  CHECK_THAT(results[2].reason, Catch::Contains("non-finite"));
}

TEST_CASE("timeouts: at a deadline check, and after the fact") {
  const FitGroups groups(MPI_COMM_WORLD, std::min(3, world_size()));
  // 0: fast; 1: sleeps past the deadline, then checks it; 2: sleeps past it and returns.
  const FitFunction fit = [](const std::vector<double>& x, const FitContext& context) {
    if (x[0] > 0.0) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    if (x[0] == 1.0) context.check_deadline();
    return FitErrors{1.0, 1.0};
  };
  const auto results = evaluate_batch(groups, {{0.0}, {1.0}, {2.0}}, fit, 1.0);
  CHECK(results[0].status == FitStatus::ok);
  CHECK(results[1].status == FitStatus::timeout);
  CHECK_THAT(results[1].reason, Catch::Contains("gap.fit_timeout"));
  CHECK(results[2].status == FitStatus::timeout);
  CHECK(results[2].seconds >= 1.5);
}

TEST_CASE("the optimiser driven through the groups proposes what a serial run proposes") {
  const auto branin = hykal::test::branin();
  BayesianOptimiserSettings settings;
  settings.n_initial = 4;
  settings.seed = 3;
  const std::size_t batch = 3;
  const FitGroups groups(MPI_COMM_WORLD, std::min<int>(static_cast<int>(batch), world_size()));
  const bool root = rank_in(MPI_COMM_WORLD) == 0;
  BayesianOptimiser parallel(branin.space, settings), serial(branin.space, settings);
  for (int step = 0; step < 5; ++step) {
    std::vector<Proposal> proposed;
    std::vector<std::vector<double>> values;
    if (root) {
      proposed = parallel.propose(batch);
      for (const Proposal& p : proposed) values.push_back(p.values);
    }
    const auto results = evaluate_batch(groups, values, branin_fit, 0.0);
    if (!root) continue;
    for (std::size_t k = 0; k < batch; ++k) {
      if (results[k].status == FitStatus::ok) parallel.record_value(proposed[k].id, results[k].errors.energy_rmse);
      else parallel.record_failure(proposed[k].id);
    }
    for (const Proposal& p : serial.propose(batch)) {
      const double v = hykal::test::branin().value(p.values);
      if (p.values[0] > 8.0 || p.values[0] < -4.0 || p.values[1] > 13.0) serial.record_failure(p.id);
      else serial.record_value(p.id, v);
    }
  }
  if (root) {
    REQUIRE(parallel.evaluations().size() == serial.evaluations().size());
    for (std::size_t id = 0; id < serial.evaluations().size(); ++id) {
      CHECK(parallel.evaluations()[id].unit == serial.evaluations()[id].unit);
      CHECK(parallel.evaluations()[id].outcome == serial.evaluations()[id].outcome);
    }
  }
}
