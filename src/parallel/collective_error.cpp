#include "hykal/parallel/collective_error.hpp"

#include "hykal/parallel/gather_text.hpp"

namespace hykal::parallel {

std::string first_message(MPI_Comm comm, const std::string& mine) {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const int candidate = mine.empty() ? size : rank;
  int first = size;
  MPI_Allreduce(&candidate, &first, 1, MPI_INT, MPI_MIN, comm);
  return first == size ? std::string() : broadcast_text(mine, first, comm);
}

void agree_on_input_errors(MPI_Comm comm, const std::function<void()>& work) {
  std::string message;
  try {
    work();
  } catch (const InputError& error) {
    message = error.what();
    if (message.empty()) message = "input error";
  }
  const std::string first = first_message(comm, message);
  if (!first.empty()) throw CollectiveInputError(first);
}

}  // namespace hykal::parallel
