#include "hykal/parallel/root_work.hpp"

#include <chrono>
#include <exception>
#include <thread>

namespace hykal::parallel {

void run_on_root(MPI_Comm comm, int root, const std::function<void()>& work) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::exception_ptr failure;
  if (rank == root) {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibarrier(comm, &request);
  for (int done = 0; MPI_Test(&request, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done;)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (failure) std::rethrow_exception(failure);
}

}  // namespace hykal::parallel
