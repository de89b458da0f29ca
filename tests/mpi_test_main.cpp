// Shared main of every test executable: MPI is initialised once, only rank 0 reports, and the
// test fails when any rank fails (the exit code is the same on every rank).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <mpi.h>

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
  MPI_Finalize();
  return worst == 0 ? 0 : 1;
}
