#include "hykal/io/rank_ordered_file.hpp"

#include "hykal/io/interrupt_cleanup.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <algorithm>
#include <cstdio>

namespace hykal::io {
namespace {

// MPI-IO counts are ints: a part larger than 2³¹ − 1 bytes is written in pieces.
bool write_part(MPI_File file, MPI_Offset offset, const std::string& part) {
  constexpr std::size_t piece = std::size_t{1} << 30;
  for (std::size_t done = 0; done < part.size(); done += piece) {
    const int count = static_cast<int>(std::min(piece, part.size() - done));
    MPI_Status status;
    if (MPI_File_write_at(file, offset + static_cast<MPI_Offset>(done), part.data() + done, count, MPI_CHAR, &status) !=
        MPI_SUCCESS)
      return false;
  }
  return true;
}

}  // namespace

void write_in_rank_order(const std::string& path, const std::string& mine, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  const std::string partial = path + ".partial";
  long long size = static_cast<long long>(mine.size());
  long long offset = 0;
  MPI_Exscan(&size, &offset, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (rank == 0) offset = 0;  // MPI_Exscan leaves rank 0's result undefined

  remove_on_interrupt(partial, rank == 0);
  MPI_File file;
  int ok = MPI_File_open(comm, partial.c_str(), MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &file) == MPI_SUCCESS;
  if (ok) {
    ok = MPI_File_set_size(file, 0) == MPI_SUCCESS;  // collective: an older partial file is emptied
    ok = write_part(file, offset, mine) && ok;
    ok = MPI_File_close(&file) == MPI_SUCCESS && ok;
  }
  MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_MIN, comm);
  int renamed = 1;
  if (rank == 0) renamed = ok ? std::rename(partial.c_str(), path.c_str()) == 0 : (std::remove(partial.c_str()), 0);
  remove_on_interrupt("", rank == 0);
  MPI_Bcast(&renamed, 1, MPI_INT, 0, comm);
  if (!ok) throw parallel::CollectiveInputError(path + ": writing failed (disk full, or the directory not writable?)");
  if (!renamed) throw parallel::CollectiveInputError(path + ": cannot rename " + partial + " to it");
}

}  // namespace hykal::io
