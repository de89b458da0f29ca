#pragma once
// The one random stream of the learning stage (sampling, initial design, multi-starts).
// std::mt19937_64's output sequence is fixed by the C++ standard, but the std:: distributions
// are not: std::uniform_real_distribution and std::normal_distribution may give other numbers
// with another standard library. The few draws we need are therefore written out here (our own
// small piece: no Debian library offers portable draws), so a seed gives the same sampling and
// the same proposals on every platform. The state can be saved and restored (checkpoints).
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hykal::learning {

class RandomStream {
 public:
  explicit RandomStream(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1): the top 53 bits of one engine output.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform in {0, …, n − 1}, n ≥ 1, without modulo bias (rejection of the incomplete top range).
  std::size_t index(std::size_t n);
  // Standard normal (Marsaglia's polar method; the second value of each pair is dropped so that
  // the state is the engine's alone).
  double normal();
  // A uniformly random permutation of 0, …, n − 1 (Fisher–Yates).
  std::vector<std::size_t> permutation(std::size_t n);

  // The engine state in the standard's text form, and back.
  std::string state() const;
  void restore(const std::string& state);

 private:
  std::mt19937_64 engine_;
};

}  // namespace hykal::learning
