#include "hykal/parallel/collective_error.hpp"

#include <string>
#include <vector>

namespace hykal::parallel {

void agree_on_input_errors(MPI_Comm comm, const std::function<void()>& work) {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  std::string message;
  try {
    work();
  } catch (const InputError& error) {
    message = error.what();
    if (message.empty()) message = "input error";
  }

  const int mine = message.empty() ? size : rank;
  int first_failing = size;
  MPI_Allreduce(&mine, &first_failing, 1, MPI_INT, MPI_MIN, comm);
  if (first_failing == size) return;

  int length = static_cast<int>(message.size());
  MPI_Bcast(&length, 1, MPI_INT, first_failing, comm);
  std::vector<char> buffer(message.begin(), message.end());
  buffer.resize(static_cast<std::size_t>(length));
  MPI_Bcast(buffer.data(), length, MPI_CHAR, first_failing, comm);
  throw CollectiveInputError(std::string(buffer.begin(), buffer.end()));
}

}  // namespace hykal::parallel
