#pragma once
// A fresh directory under the system's temporary directory, removed with its files at the end
// of the test; collective: rank 0 creates it and every rank of comm gets the same path.
#include <mpi.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <stdlib.h>

namespace hykal::test {

class ScratchDir {
 public:
  explicit ScratchDir(MPI_Comm comm = MPI_COMM_WORLD) : comm_(comm) {
    int rank = 0;
    MPI_Comm_rank(comm_, &rank);
    std::string name = (std::filesystem::temp_directory_path() / "hykal_io_XXXXXX").string();
    std::vector<char> buffer(name.begin(), name.end());
    buffer.push_back('\0');
    if (rank == 0 && ::mkdtemp(buffer.data()) == nullptr) buffer.assign(1, '\0');
    int length = static_cast<int>(buffer.size());
    MPI_Bcast(&length, 1, MPI_INT, 0, comm_);
    buffer.resize(static_cast<std::size_t>(length));
    MPI_Bcast(buffer.data(), length, MPI_CHAR, 0, comm_);
    path_ = buffer.data();
  }
  ~ScratchDir() {
    MPI_Barrier(comm_);
    int rank = 0;
    MPI_Comm_rank(comm_, &rank);
    std::error_code ignored;
    if (rank == 0 && !path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // Rank 0 writes the file; every rank returns its path once it exists.
  std::string write(const std::string& name, const std::string& content) const {
    int rank = 0;
    MPI_Comm_rank(comm_, &rank);
    if (rank == 0) std::ofstream(file(name), std::ios::binary) << content;
    MPI_Barrier(comm_);
    return file(name);
  }

 private:
  MPI_Comm comm_;
  std::string path_;
};

}  // namespace hykal::test
