// Checkpoint and resume of the learning loop's state: a round trip keeps every field, a foreign
// or missing checkpoint is refused with a message saying what differs, and an optimisation
// resumed from a checkpoint (written between batches, or in the middle of one) proposes exactly
// what the uninterrupted optimisation proposes.
#include "benchmark_functions.hpp"
#include "hykal/error.hpp"
#include "hykal/learning/checkpoint.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace hykal::learning;
namespace fs = std::filesystem;

namespace {

struct TemporaryDirectory {
  fs::path path = fs::temp_directory_path() / ("hykal-checkpoint-test-" + std::to_string(::getpid()));
  TemporaryDirectory() { fs::create_directories(path); }
  ~TemporaryDirectory() { fs::remove_all(path); }
};

const Signature signature = {{"data.files", "a.xyz b.xyz"}, {"learning.seed", "4"}, {"bo.cutoff", "4.0 5.5"}};

BayesianOptimiserSettings settings() {
  BayesianOptimiserSettings s;
  s.n_initial = 5;
  s.seed = 21;
  return s;
}

// The loop of the test: batches of 2 Branin evaluations, where proposals with x1 > 8 fail; the
// fits are recorded; checkpoint(state) is called after every recorded result.
void run(BayesianOptimiser& optimiser, std::vector<FitRecord>& fits, int batches,
         const std::function<void(const BayesianOptimiser&, const std::vector<FitRecord>&)>& checkpoint) {
  const auto branin = hykal::test::branin();
  // Pending proposals of a checkpoint written mid-batch are evaluated first.
  std::vector<Proposal> todo;
  for (std::size_t id = 0; id < optimiser.evaluations().size(); ++id)
    if (optimiser.evaluations()[id].outcome == Outcome::pending)
      todo.push_back({id, optimiser.space().to_values(optimiser.evaluations()[id].unit)});
  for (int b = 0; b < batches; ++b) {
    if (todo.empty()) todo = optimiser.propose(2);
    for (const Proposal& p : todo) {
      FitRecord record{0, p.id, p.values, {}};
      if (p.values[0] > 8.0) {
        record.result = {FitStatus::failed, "x1 > 8", {}, 0.5, 1};
        optimiser.record_failure(p.id);
      } else {
        record.result = {FitStatus::ok, "", {branin.value(p.values), 0.1}, 0.5, 0};
        optimiser.record_value(p.id, record.result.errors.energy_rmse);
      }
      fits.push_back(record);
      checkpoint(optimiser, fits);
    }
    todo.clear();
  }
}

}  // namespace

TEST_CASE("checkpoint round trip keeps the whole loop state") {
  TemporaryDirectory dir;
  const std::string path = (dir.path / "run.checkpoint.h5").string();
  BayesianOptimiser optimiser(hykal::test::branin().space, settings());
  std::vector<FitRecord> fits;
  LoopState state;
  run(optimiser, fits, 4, [](const BayesianOptimiser&, const std::vector<FitRecord>&) {});
  optimiser.propose(2);  // two pending at the time of writing
  state.iteration = 3;
  state.sets = {{1, 4, 9}, {2, 9}};
  state.fits = fits;
  state.fits[1].result.reason = "a reason\nwith a new line";
  state.optimiser = optimiser.state();
  write_checkpoint(path, signature, state);
  CHECK_FALSE(fs::exists(path + ".tmp"));

  const LoopState back = read_checkpoint(path, signature);
  CHECK(back.iteration == 3);
  CHECK(back.sets.training == state.sets.training);
  CHECK(back.sets.test == state.sets.test);
  REQUIRE(back.fits.size() == state.fits.size());
  for (std::size_t i = 0; i < fits.size(); ++i) {
    CHECK(back.fits[i].proposal == state.fits[i].proposal);
    CHECK(back.fits[i].hyperparameters == state.fits[i].hyperparameters);
    CHECK(back.fits[i].result.status == state.fits[i].result.status);
    CHECK(back.fits[i].result.reason == state.fits[i].result.reason);
    CHECK(back.fits[i].result.errors.energy_rmse == state.fits[i].result.errors.energy_rmse);
    CHECK(back.fits[i].result.group == state.fits[i].result.group);
  }
  CHECK(back.optimiser.design == state.optimiser.design);
  REQUIRE(back.optimiser.evaluations.size() == state.optimiser.evaluations.size());
  for (std::size_t i = 0; i < back.optimiser.evaluations.size(); ++i) {
    CHECK(back.optimiser.evaluations[i].unit == state.optimiser.evaluations[i].unit);
    CHECK(back.optimiser.evaluations[i].outcome == state.optimiser.evaluations[i].outcome);
  }
  CHECK(back.optimiser.surrogate_hyperparameters == state.optimiser.surrogate_hyperparameters);
  CHECK(back.optimiser.surrogate_observations == state.optimiser.surrogate_observations);
  CHECK(back.optimiser.random_state == state.optimiser.random_state);
}

TEST_CASE("a foreign, missing or broken checkpoint is refused with a message saying why") {
  TemporaryDirectory dir;
  const std::string path = (dir.path / "run.checkpoint.h5").string();
  CHECK_THROWS_WITH(read_checkpoint(path, signature), Catch::Contains("no checkpoint to resume from"));
  LoopState state;
  state.optimiser = BayesianOptimiser(hykal::test::branin().space, settings()).state();
  write_checkpoint(path, signature, state);
  Signature other = signature;
  other[1].second = "5";
  other.emplace_back("data.energy_key", "energy");
  try {
    read_checkpoint(path, other);
    FAIL("a foreign checkpoint was accepted");
  } catch (const hykal::InputError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("learning.seed is '5' here but '4' in the checkpoint"));
    CHECK_THAT(message, Catch::Contains("data.energy_key is 'energy' here but absent from the checkpoint"));
    CHECK_THAT(message, !Catch::Contains("data.files"));
  }
  std::ofstream(path + ".broken") << "not HDF5";
  CHECK_THROWS_AS(read_checkpoint(path + ".broken", signature), hykal::InputError);
  // A stale temporary file from a killed write does not disturb the next one.
  std::ofstream(path + ".tmp") << "half a file";
  write_checkpoint(path, signature, state);
  CHECK(read_checkpoint(path, signature).optimiser.design == state.optimiser.design);
}

TEST_CASE("an optimisation resumed from its checkpoint proposes what the uninterrupted one proposes") {
  TemporaryDirectory dir;
  const auto space = hykal::test::branin().space;
  BayesianOptimiser uninterrupted(space, settings());
  std::vector<FitRecord> all_fits;
  run(uninterrupted, all_fits, 8, [](const BayesianOptimiser&, const std::vector<FitRecord>&) {});

  // Interrupted after 7 results: 3 whole batches and the first fit of the fourth (mid-batch).
  for (std::size_t stop_after : {6u, 7u}) {
    const std::string path = (dir.path / ("stop" + std::to_string(stop_after) + ".h5")).string();
    BayesianOptimiser first(space, settings());
    std::vector<FitRecord> fits;
    try {
      run(first, fits, 8, [&](const BayesianOptimiser& o, const std::vector<FitRecord>& f) {
        LoopState state;
        state.fits = f;
        state.optimiser = o.state();
        write_checkpoint(path, signature, state);
        if (f.size() == stop_after) throw std::runtime_error("killed");
      });
    } catch (const std::runtime_error&) {
    }
    const LoopState state = read_checkpoint(path, signature);
    REQUIRE(state.fits.size() == stop_after);
    BayesianOptimiser resumed(space, settings(), state.optimiser);
    std::vector<FitRecord> resumed_fits = state.fits;
    run(resumed, resumed_fits, 8 - static_cast<int>(stop_after / 2), [](const BayesianOptimiser&, const std::vector<FitRecord>&) {});
    REQUIRE(resumed_fits.size() == all_fits.size());
    for (std::size_t i = 0; i < all_fits.size(); ++i) {
      CHECK(resumed_fits[i].proposal == all_fits[i].proposal);
      CHECK(resumed_fits[i].hyperparameters == all_fits[i].hyperparameters);
    }
    CHECK(resumed.best()->second == uninterrupted.best()->second);
  }
}
