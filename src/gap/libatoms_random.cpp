#include "hykal/gap/libatoms_random.hpp"

namespace hykal::gap {

namespace {

constexpr std::uint64_t multiplier = 16807;
constexpr int discarded_draws = 100;

// multiplierⁿ mod (2³¹ − 1) by squaring; every product stays below 2⁶².
std::uint64_t multiplier_power(std::uint64_t n) {
  const auto modulus = static_cast<std::uint64_t>(libatoms_random_modulus);
  std::uint64_t result = 1;
  std::uint64_t base = multiplier;
  for (; n > 0; n >>= 1) {
    if (n & 1U) result = result * base % modulus;
    base = base * base % modulus;
  }
  return result;
}

}  // namespace

double libatoms_uniform(std::int64_t seed, std::int64_t position) {
  const auto modulus = static_cast<std::uint64_t>(libatoms_random_modulus);
  const std::uint64_t state =
      static_cast<std::uint64_t>(seed) * multiplier_power(static_cast<std::uint64_t>(position) + discarded_draws + 1) % modulus;
  return static_cast<double>(state) / static_cast<double>(libatoms_random_modulus);
}

}  // namespace hykal::gap
