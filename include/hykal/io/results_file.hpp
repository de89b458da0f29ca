#pragma once
// The one HDF5 results file of a run (INTERFACE.md), opened collectively with MPI-IO.
//
// It is written under a temporary name in the same directory and renamed to its final name
// only by commit(), so an interrupted or failed run never leaves a half-written file under the
// name a user's script reads, and never destroys the previous run's complete file.
#include "hykal/io/hdf5.hpp"

#include <mpi.h>

#include <string>

namespace hykal::io {

class ResultsFile {
 public:
  // Collective. Creates <path>.tmp-<id> (the same name on every rank).
  ResultsFile(const std::string& path, MPI_Comm comm);
  ~ResultsFile();  // without commit(): closes and deletes the temporary file
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  hid_t id() const { return file_.id(); }
  MPI_Comm comm() const { return comm_; }
  const std::string& temporary_path() const { return temporary_path_; }

  // Collective. Root attributes: hykal version, git hash, configuration, number of ranks.
  void write_run_attributes(const std::string& version, const std::string& git_hash,
                            const std::string& configuration_ini);
  // Collective. Flushes, closes and renames to the final path.
  void commit();

 private:
  std::string path_;
  std::string temporary_path_;
  MPI_Comm comm_;
  hdf5::Handle file_;
  bool committed_ = false;
};

}  // namespace hykal::io
