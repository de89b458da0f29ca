#include "hykal/learning/frame_sampling.hpp"

#include "hykal/error.hpp"
#include "hykal/learning/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace hykal::learning {
namespace {

// Half up, with a margin for the rounding of the product (0.3·5 must count as 1.5).
std::size_t round_half_up(double x) { return static_cast<std::size_t>(std::floor(x + 0.5 + 1e-9)); }

void validate(const SamplingSchedule& s) {
  if (!(s.initial_percent > 0.0 && s.initial_percent <= 100.0))
    throw InputError("learning.i_perc must be in (0, 100] %, got " + std::to_string(s.initial_percent));
  if (!(s.increment_percent > 0.0))
    throw InputError("learning.increment must be > 0 %, got " + std::to_string(s.increment_percent));
  if (!(s.test_fraction >= 0.0 && s.test_fraction < 1.0))
    throw InputError("learning.test_fraction must be in [0, 1), got " + std::to_string(s.test_fraction));
}

std::vector<std::size_t> in_order(const std::vector<std::size_t>& frames, const std::vector<std::size_t>& permutation) {
  std::vector<std::size_t> ordered(frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) ordered[i] = frames[permutation[i]];
  return ordered;
}

}  // namespace

FrameSampler::FrameSampler(std::vector<std::vector<std::size_t>> clusters, const std::vector<IsolatedAtomFrame>& isolated,
                           SamplingSchedule schedule, SamplingMode mode, std::uint64_t seed)
    : schedule_(schedule), mode_(mode) {
  validate(schedule_);
  RandomStream random(seed);
  std::vector<std::size_t> pooled;
  for (std::vector<std::size_t>& members : clusters) {
    std::sort(members.begin(), members.end());  // the order given must not matter
    cluster_sizes_.push_back(members.size());
    if (mode_ == SamplingMode::clusters) orders_.push_back(in_order(members, random.permutation(members.size())));
    pooled.insert(pooled.end(), members.begin(), members.end());
  }
  if (mode_ == SamplingMode::random) {
    std::sort(pooled.begin(), pooled.end());
    orders_.push_back(in_order(pooled, random.permutation(pooled.size())));
  }
  std::map<int, std::size_t> first_of_element;
  for (const IsolatedAtomFrame& f : isolated) {
    auto [it, inserted] = first_of_element.emplace(f.atomic_number, f.frame);
    if (!inserted) it->second = std::min(it->second, f.frame);
  }
  for (const auto& [element, frame] : first_of_element) references_.push_back(frame);
}

double FrameSampler::percent(std::size_t iteration) const {
  return std::min(100.0, schedule_.initial_percent + static_cast<double>(iteration) * schedule_.increment_percent);
}

std::size_t FrameSampler::taken_from(std::size_t cluster_size, std::size_t iteration) const {
  return std::min(cluster_size, round_half_up(percent(iteration) * static_cast<double>(cluster_size) / 100.0));
}

void FrameSampler::add_taken(const std::vector<std::size_t>& order, std::size_t taken, FrameSets& sets) const {
  const double f = schedule_.test_fraction;
  for (std::size_t p = 0; p < taken; ++p) {
    const bool test = round_half_up(f * static_cast<double>(p + 1)) > round_half_up(f * static_cast<double>(p));
    (test ? sets.test : sets.training).push_back(order[p]);
  }
}

FrameSets FrameSampler::sets(std::size_t iteration) const {
  FrameSets sets;
  std::size_t total = 0;
  for (std::size_t c = 0; c < cluster_sizes_.size(); ++c) {
    const std::size_t taken = taken_from(cluster_sizes_[c], iteration);
    if (mode_ == SamplingMode::clusters) add_taken(orders_[c], taken, sets);
    total += taken;
  }
  if (mode_ == SamplingMode::random) add_taken(orders_.front(), total, sets);
  for (std::size_t frame : references_) {
    sets.training.push_back(frame);
    sets.test.push_back(frame);
  }
  std::sort(sets.training.begin(), sets.training.end());
  std::sort(sets.test.begin(), sets.test.end());
  return sets;
}

}  // namespace hykal::learning
