// An input error seen by one rank becomes the same error on every rank, without a hang.
#include "../parallel/world_halves.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <string>

using hykal::parallel::agree_on_input_errors;
using hykal::parallel::CollectiveInputError;

TEST_CASE("no error: work runs and nothing is thrown") {
  int ran = 0;
  agree_on_input_errors(MPI_COMM_WORLD, [&] { ran = 1; });
  CHECK(ran == 1);
}

// Which ranks fail, as a rule on (rank, size); each failing rank has its own message.
struct FailingRanks {
  const char* name;
  bool (*fails)(int rank, int size);
};

const FailingRanks failing_sets[] = {
    {"the last rank", [](int rank, int size) { return rank == size - 1; }},
    {"every rank", [](int, int) { return true; }},
    {"rank 0 and the last", [](int rank, int size) { return rank == 0 || rank == size - 1; }},
    {"the odd ranks", [](int rank, int) { return rank % 2 == 1; }},
    {"all but rank 0 (or rank 0 alone)", [](int rank, int size) { return size == 1 || rank > 0; }},
    {"the upper half", [](int rank, int size) { return rank >= size / 2; }},
};

// Whatever the failing ranks, every rank throws the lowest failing rank's message (the rule of
// collective_error.hpp), on the world and on each half of a split world.
TEST_CASE("several failing ranks: the lowest failing rank's message reaches every rank") {
  const hykal::test::WorldHalf half;
  for (const MPI_Comm comm : {MPI_COMM_WORLD, half.comm()}) {
    int rank = 0, size = 1;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    for (const FailingRanks& set : failing_sets) {
      INFO(set.name << " of " << size);
      int lowest = -1;
      for (int r = size - 1; r >= 0; --r)
        if (set.fails(r, size)) lowest = r;
      std::string message;
      try {
        agree_on_input_errors(comm, [&] {
          if (set.fails(rank, size))
            throw hykal::InputError("bad frame " + std::to_string(10 * rank + 7) + " on rank " + std::to_string(rank));
        });
      } catch (const CollectiveInputError& error) {
        message = error.what();
      }
      if (lowest < 0)
        CHECK(message.empty());
      else
        CHECK(message == "bad frame " + std::to_string(10 * lowest + 7) + " on rank " + std::to_string(lowest));
    }
  }
}

TEST_CASE("internal errors are not turned into input errors") {
  CHECK_THROWS_AS(agree_on_input_errors(MPI_COMM_SELF, [] { throw std::logic_error("bug"); }), std::logic_error);
}
