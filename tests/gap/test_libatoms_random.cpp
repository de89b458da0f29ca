// The uniform numbers of gap_fit's CUR draw (gap/libatoms_random.hpp) against independent
// references: Park and Miller's published check of the minimal standard generator (Commun. ACM
// 31, 1192 (1988): from a state of 1, the 10 000th state is 1 043 618 065), and the generator's
// own recurrence (Schrage's form as libAtoms' ran() computes it) stepped one draw at a time,
// including libAtoms' 100 discarded draws after seeding.
#include "hykal/gap/libatoms_random.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

namespace {

using hykal::gap::libatoms_random_modulus;
using hykal::gap::libatoms_uniform;

// libAtoms' ran(): one step of idum ← 16807 idum mod (2³¹ − 1) without overflow (Schrage).
std::int64_t schrage_step(std::int64_t idum) {
  const std::int64_t k = idum / 127773;
  idum = 16807 * (idum - k * 127773) - 2836 * k;
  return idum < 0 ? idum + libatoms_random_modulus : idum;
}

}  // namespace

TEST_CASE("The draws reproduce Park and Miller's published 10 000th state", "[gap]") {
  // Seed 1: the 10 000th state counts the 100 discarded draws, so it is position 9 899.
  CHECK(libatoms_uniform(1, 9899) == 1043618065.0 / 2147483647.0);
}

TEST_CASE("The draws follow libAtoms' recurrence after its 100 discarded draws", "[gap]") {
  for (const std::int64_t seed : {std::int64_t{1}, std::int64_t{66549863}, libatoms_random_modulus - 1}) {
    std::int64_t idum = seed;
    for (int i = 0; i < 100; ++i) idum = schrage_step(idum);
    for (std::int64_t position = 0; position < 3000; ++position) {
      idum = schrage_step(idum);
      REQUIRE(libatoms_uniform(seed, position) == static_cast<double>(idum) / 2147483647.0);
    }
  }
}
