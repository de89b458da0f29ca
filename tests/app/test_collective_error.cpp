// An input error seen by one rank becomes the same error on every rank, without a hang.
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

TEST_CASE("the lowest failing rank's message reaches every rank") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const int first_bad = size - 1;  // the last rank fails, and every rank after it would too
  std::string message;
  try {
    agree_on_input_errors(MPI_COMM_WORLD, [&] {
      if (rank >= first_bad) throw hykal::InputError("bad frame on rank " + std::to_string(rank));
    });
  } catch (const CollectiveInputError& error) {
    message = error.what();
  }
  CHECK(message == "bad frame on rank " + std::to_string(first_bad));
}

TEST_CASE("internal errors are not turned into input errors") {
  CHECK_THROWS_AS(agree_on_input_errors(MPI_COMM_SELF, [] { throw std::logic_error("bug"); }), std::logic_error);
}
