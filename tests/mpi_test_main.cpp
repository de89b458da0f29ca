// Shared main of every test executable: MPI is initialised once, only rank 0 reports, and the
// test fails when any rank fails (the exit code is the same on every rank). A run in which a test
// called hykal::test::skip and none failed exits with 77 (test_skip.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <mpi.h>

#include "test_skip.hpp"

#include <iostream>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);

  Catch::Session session;
  int status = session.applyCommandLine(argc, argv);
  if (status == 0) {
    if (rank != 0) session.configData().outputFilename = "/dev/null";
    status = session.run();
    if (status != 0 && rank != 0)
      std::cerr << "rank " << rank << ": " << status << " test case(s) failed\n";
  }
  int worst = 0;
  MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (rank == 0 && worst != status)
    std::cerr << "another rank failed " << worst << " test case(s)\n";
  int skipped = hykal::test::skip_reasons().empty() ? 0 : 1;
  MPI_Allreduce(MPI_IN_PLACE, &skipped, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (rank == 0 && worst == 0 && skipped)
    std::cerr << "skipped: " << hykal::test::skip_reasons() << "\n";
  MPI_Finalize();
  if (worst != 0) return 1;
  return skipped ? hykal::test::skip_return_code : 0;
}
