#include <catch2/catch.hpp>
#include <mpi.h>
TEST_CASE("MPI runs") {
  int size = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  REQUIRE(size >= 1);
}
