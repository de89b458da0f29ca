#include "hykal/app/banner.hpp"

#include "hykal/app/version_string.hpp"

#include <cstdlib>
#include <sstream>

namespace hykal::app {

std::string start_banner(MPI_Comm comm, const std::string& command, const Configuration& configuration) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const char* threads = std::getenv("OPENBLAS_NUM_THREADS");
  std::ostringstream out;
  out << version_string() << ": hybrid-kernel clustering and active learning\n"
      << "command: " << command << ", MPI ranks: " << size
      << ", BLAS threads per rank: " << (threads ? threads : "OpenBLAS default (set OPENBLAS_NUM_THREADS=1 when ranks fill the cores)")
      << "\neffective configuration:\n"
      << configuration.effective_ini();
  return out.str();
}

}  // namespace hykal::app
