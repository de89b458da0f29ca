// Per-cluster sampling of METHOD.md §6 against counts worked out by hand, and the draw's
// uniformity against its analytic inclusion probabilities.
#include "hykal/error.hpp"
#include "hykal/learning/frame_sampling.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <numeric>
#include <set>

using namespace hykal::learning;

namespace {

std::vector<std::size_t> range(std::size_t first, std::size_t count) {
  std::vector<std::size_t> v(count);
  std::iota(v.begin(), v.end(), first);
  return v;
}

// Clusters of 10, 5, 1 and 20 frames: frames 0–9, 10–14, 15, 16–35.
std::vector<std::vector<std::size_t>> four_clusters() { return {range(0, 10), range(10, 5), range(15, 1), range(16, 20)}; }

std::size_t count_in(const std::vector<std::size_t>& frames, std::size_t first, std::size_t count) {
  return static_cast<std::size_t>(
      std::count_if(frames.begin(), frames.end(), [&](std::size_t f) { return f >= first && f < first + count; }));
}

bool includes(const std::vector<std::size_t>& larger, const std::vector<std::size_t>& smaller) {
  return std::includes(larger.begin(), larger.end(), smaller.begin(), smaller.end());
}

}  // namespace

TEST_CASE("30 % of each cluster, 30 % of those for testing (counts by hand)") {
  const FrameSampler sampler(four_clusters(), {}, SamplingSchedule{30, 10, 0.3}, SamplingMode::clusters, 7);
  const FrameSets sets = sampler.sets(0);
  // Taken: round(3) = 3, round(1.5) = 2, round(0.3) = 0, round(6) = 6.
  // Tested: round(0.9) = 1, round(0.6) = 1, 0, round(1.8) = 2.
  CHECK(count_in(sets.training, 0, 10) == 2);
  CHECK(count_in(sets.test, 0, 10) == 1);
  CHECK(count_in(sets.training, 10, 5) == 1);
  CHECK(count_in(sets.test, 10, 5) == 1);
  CHECK(count_in(sets.training, 15, 1) + count_in(sets.test, 15, 1) == 0);
  CHECK(count_in(sets.training, 16, 20) == 4);
  CHECK(count_in(sets.test, 16, 20) == 2);
  std::vector<std::size_t> both;
  std::set_intersection(sets.training.begin(), sets.training.end(), sets.test.begin(), sets.test.end(),
                        std::back_inserter(both));
  CHECK(both.empty());
}

TEST_CASE("growing fractions keep the earlier training and test frames") {
  const FrameSampler sampler(four_clusters(), {}, SamplingSchedule{30, 10, 0.3}, SamplingMode::clusters, 3);
  CHECK(sampler.percent(2) == Approx(50.0));
  FrameSets previous = sampler.sets(0);
  for (std::size_t k = 1; k < 10; ++k) {
    const FrameSets next = sampler.sets(k);
    CHECK(includes(next.training, previous.training));
    CHECK(includes(next.test, previous.test));
    // Each cluster holds round(0.3·taken) test frames at every iteration.
    const double percent = std::min(100.0, 30.0 + 10.0 * static_cast<double>(k));
    const std::size_t taken = static_cast<std::size_t>(std::floor(percent * 20.0 / 100.0 + 0.5));
    CHECK(count_in(next.test, 16, 20) == static_cast<std::size_t>(std::floor(0.3 * static_cast<double>(taken) + 0.5)));
    previous = next;
  }
  CHECK(sampler.uses_whole_data_set(7));
  CHECK_FALSE(sampler.uses_whole_data_set(6));
  CHECK(previous.training.size() + previous.test.size() == 36);
}

TEST_CASE("isolated-atom frames are in both sets, once per element") {
  const std::vector<IsolatedAtomFrame> isolated = {{60, 8}, {50, 14}, {40, 8}, {70, 14}};
  const FrameSampler sampler(four_clusters(), isolated, SamplingSchedule{30, 10, 0.3}, SamplingMode::clusters, 1);
  const FrameSets sets = sampler.sets(0);
  for (const auto* set : {&sets.training, &sets.test}) {
    CHECK(std::count(set->begin(), set->end(), 40) == 1);
    CHECK(std::count(set->begin(), set->end(), 50) == 1);
    CHECK(std::count(set->begin(), set->end(), 60) == 0);
    CHECK(std::count(set->begin(), set->end(), 70) == 0);
  }
}

TEST_CASE("the seed decides the draw, the order of the cluster members does not") {
  auto shuffled = four_clusters();
  std::reverse(shuffled[3].begin(), shuffled[3].end());
  const SamplingSchedule schedule{30, 10, 0.3};
  const FrameSets a = FrameSampler(four_clusters(), {}, schedule, SamplingMode::clusters, 11).sets(1);
  const FrameSets b = FrameSampler(shuffled, {}, schedule, SamplingMode::clusters, 11).sets(1);
  const FrameSets c = FrameSampler(four_clusters(), {}, schedule, SamplingMode::clusters, 12).sets(1);
  CHECK(a.training == b.training);
  CHECK(a.test == b.test);
  CHECK((a.training != c.training || a.test != c.test));
}

TEST_CASE("inclusion probabilities of clustered and random sampling (analytic)") {
  // Clusters of 15 and 5 frames at 30 %: 5 of the first (4.5 rounds up) and 2 of the second are
  // taken. Per-cluster sampling includes a frame with probability 5/15 or 2/5; random sampling
  // draws the same 7 frames from all 20, probability 7/20 for each. 3000 seeds: the standard
  // error of a frequency is ≤ 0.009, the tolerance 0.045.
  const std::vector<std::vector<std::size_t>> clusters = {range(0, 15), range(15, 5)};
  const int n_seeds = 3000;
  std::vector<int> clustered(20, 0), random(20, 0);
  for (int seed = 0; seed < n_seeds; ++seed) {
    for (auto [mode, counts] : {std::make_pair(SamplingMode::clusters, &clustered), std::make_pair(SamplingMode::random, &random)}) {
      const FrameSets sets = FrameSampler(clusters, {}, SamplingSchedule{30, 10, 0.3}, mode, static_cast<std::uint64_t>(seed)).sets(0);
      CHECK(sets.training.size() + sets.test.size() == 7);
      // Tested: round(0.3·5) + round(0.3·2) = 2 + 1 per cluster; round(0.3·7) = 2 when pooled.
      CHECK(sets.test.size() == (mode == SamplingMode::clusters ? 3u : 2u));
      for (std::size_t f : sets.training) ++(*counts)[f];
      for (std::size_t f : sets.test) ++(*counts)[f];
    }
  }
  for (std::size_t f = 0; f < 20; ++f) {
    CHECK(clustered[f] / double(n_seeds) == Approx(f < 15 ? 5.0 / 15.0 : 2.0 / 5.0).margin(0.045));
    CHECK(random[f] / double(n_seeds) == Approx(7.0 / 20.0).margin(0.045));
  }
}

TEST_CASE("schedule values out of range name their key") {
  const auto make = [](SamplingSchedule s) { FrameSampler(four_clusters(), {}, s, SamplingMode::clusters, 0); };
  CHECK_THROWS_WITH(make({0, 10, 0.3}), Catch::Contains("learning.i_perc"));
  CHECK_THROWS_WITH(make({101, 10, 0.3}), Catch::Contains("learning.i_perc"));
  CHECK_THROWS_WITH(make({30, 0, 0.3}), Catch::Contains("learning.increment"));
  CHECK_THROWS_WITH(make({30, 10, 1.0}), Catch::Contains("learning.test_fraction"));
}
