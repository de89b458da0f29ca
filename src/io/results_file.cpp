#include "hykal/io/results_file.hpp"

#include "hykal/error.hpp"
#include "hykal/io/interrupt_cleanup.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace hykal::io {
namespace {

// Rank 0 picks a unique suffix (process id and clock) and every rank uses the same name.
std::string temporary_name(const std::string& path, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  long long suffix[2] = {static_cast<long long>(getpid()),
                         static_cast<long long>(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007LL)};
  MPI_Bcast(suffix, 2, MPI_LONG_LONG, 0, comm);
  return path + ".tmp-" + std::to_string(suffix[0]) + "-" + std::to_string(suffix[1]);
}

// Registered for removal on SIGTERM/SIGINT before it exists, so that no moment of its life
// leaves it behind.
hdf5::Handle create_removable(const std::string& path, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  remove_on_interrupt(path, rank == 0);
  return hdf5::create_parallel(path, comm);
}

}  // namespace

ResultsFile::ResultsFile(const std::string& path, MPI_Comm comm)
    : path_(path), temporary_path_(temporary_name(path, comm)), comm_(comm),
      file_(create_removable(temporary_path_, comm)) {}

ResultsFile::~ResultsFile() {
  remove_on_interrupt("", true);
  if (committed_) return;
  file_ = hdf5::Handle();
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  if (rank == 0) std::remove(temporary_path_.c_str());
}

void ResultsFile::write_run_attributes(const std::string& version, const std::string& git_hash,
                                       const std::string& configuration_ini) {
  int size = 1;
  MPI_Comm_size(comm_, &size);
  hdf5::write_string_attribute(file_, "hykal_version", version);
  hdf5::write_string_attribute(file_, "git_hash", git_hash);
  hdf5::write_string_attribute(file_, "configuration", configuration_ini);
  hdf5::write_integer_attribute(file_, "mpi_ranks", size);
}

void ResultsFile::commit() {
  if (H5Fflush(file_, H5F_SCOPE_GLOBAL) < 0) HYKAL_THROW("HDF5: cannot flush " + temporary_path_);
  file_ = hdf5::Handle();
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  int failed = 0;
  if (rank == 0) failed = std::rename(temporary_path_.c_str(), path_.c_str()) != 0;
  remove_on_interrupt("", true);
  MPI_Bcast(&failed, 1, MPI_INT, 0, comm_);
  if (failed) throw InputError(path_ + ": cannot rename the finished results file from " + temporary_path_);
  committed_ = true;
}

}  // namespace hykal::io
