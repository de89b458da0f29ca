#pragma once
// The uniform numbers gap_fit draws for its CUR choice of sparse points (libAtoms' ran_uniform):
// the Park–Miller "minimal standard" generator idum ← 16807·idum mod (2³¹ − 1), seeded with
// gap_fit's rnd_seed (its log prints it as "Random Seed"), 100 draws discarded after seeding,
// each value idum / (2³¹ − 1). Drawing the same numbers as gap_fit, in its order, gives the same
// sparse points from the same seed (sparse_selection.hpp). Random access by position (a power of
// the multiplier), so that every rank draws its own environments' numbers.
#include <cstdint>

namespace hykal::gap {

inline constexpr std::int64_t libatoms_random_modulus = 2147483647;  // 2³¹ − 1

// The value of the draw at 0-based position n after the discarded ones, for a seed in
// 1 … 2³¹ − 2 (gap_fit aborts on a zero state).
double libatoms_uniform(std::int64_t seed, std::int64_t position);

}  // namespace hykal::gap
