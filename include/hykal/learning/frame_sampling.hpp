#pragma once
// Which frames train and test the potential in each active-learning iteration (METHOD.md §6
// steps 1 and 3).
//  - Iteration k takes the fraction I_k = min(100 %, I_perc + k·n) of every cluster:
//    round(I_k·|cluster|) frames, drawn reproducibly from the seed. Each cluster's frames are put
//    in one random order once, and iteration k takes the first round(I_k·|cluster|) of it, so the
//    frames of earlier iterations stay picked.
//  - Of the frames taken from a cluster, round(test_fraction·taken) are tested, the rest train.
//    So that earlier picks also keep their role, the frame at position p of the order is a test
//    frame iff round(f(p+1)) > round(f p) (f = test_fraction): the first t frames then hold
//    exactly round(f t) test frames for every t.
//  - Isolated-atom frames (the e0 references) are in both sets, one per element (the first of the
//    data set if it repeats them).
//  - random sampling (learning.sampling = random) pools all clustered frames and takes the same
//    number, Σ_clusters round(I_k·|cluster|), in one random order with the same test rule: what
//    the clustering buys is then the difference between the two.
// round() is half up (round(1.5) = 2), on percentages so that e.g. 30 % of 5 is exactly 1.5.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hykal::learning {

enum class SamplingMode { clusters, random };

struct SamplingSchedule {
  double initial_percent = 30.0;    // I_perc, learning.i_perc, in (0, 100]
  double increment_percent = 10.0;  // n, learning.increment, > 0
  double test_fraction = 0.3;       // learning.test_fraction, in [0, 1)
};

struct IsolatedAtomFrame {
  std::size_t frame = 0;
  int atomic_number = 0;
};

struct FrameSets {
  std::vector<std::size_t> training;  // ascending frame indices
  std::vector<std::size_t> test;      // ascending; shares only the isolated-atom frames with training
};

class FrameSampler {
 public:
  // clusters: the frame indices of each cluster (isolated-atom frames are never clustered).
  // Throws InputError naming the learning.* key of a schedule value out of range.
  FrameSampler(std::vector<std::vector<std::size_t>> clusters, const std::vector<IsolatedAtomFrame>& isolated,
               SamplingSchedule schedule, SamplingMode mode, std::uint64_t seed);

  double percent(std::size_t iteration) const;  // I_k
  bool uses_whole_data_set(std::size_t iteration) const { return percent(iteration) >= 100.0; }
  FrameSets sets(std::size_t iteration) const;

 private:
  std::size_t taken_from(std::size_t cluster_size, std::size_t iteration) const;
  void add_taken(const std::vector<std::size_t>& order, std::size_t taken, FrameSets& sets) const;

  std::vector<std::size_t> cluster_sizes_;
  std::vector<std::vector<std::size_t>> orders_;  // one per cluster, or one pooled order (random)
  std::vector<std::size_t> references_;           // isolated-atom frames, one per element
  SamplingSchedule schedule_;
  SamplingMode mode_;
};

}  // namespace hykal::learning
