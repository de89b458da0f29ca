#include "hykal/kernels/clustered_frames.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/collective_error.hpp"

namespace hykal::kernels {
namespace {

// Every rank's values, concatenated in rank order, on every rank.
template <typename T>
std::vector<T> gather_in_rank_order(const std::vector<T>& mine, MPI_Datatype type, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const int count = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size), 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  for (std::size_t r = 1; r < counts.size(); ++r) offsets[r] = offsets[r - 1] + counts[r - 1];
  std::vector<T> all(static_cast<std::size_t>(offsets.back() + counts.back()));
  MPI_Allgatherv(mine.data(), count, type, all.data(), counts.data(), offsets.data(), type, comm);
  return all;
}

}  // namespace

ClusteredFrames select_clustered_frames(const io::LocalFrames& data, bool skip_isolated, MPI_Comm comm) {
  ClusteredFrames clustered;
  std::vector<long long> local_frames;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    const bool keep = !(skip_isolated && data.frames[f].n_atoms() == 1);
    clustered.local.push_back(keep);
    if (keep) local_frames.push_back(data.global_frame(f));
  }
  const long long count = static_cast<long long>(local_frames.size());
  long long before = 0;
  MPI_Exscan(&count, &before, 1, MPI_LONG_LONG, MPI_SUM, comm);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  clustered.first_row = rank == 0 ? 0 : before;  // MPI_Exscan leaves rank 0's result undefined
  const std::vector<long long> frames = gather_in_rank_order(local_frames, MPI_LONG_LONG, comm);
  clustered.frame_of_row.assign(frames.begin(), frames.end());
  return clustered;
}

std::vector<double> energy_per_atom_of_rows(const io::LocalFrames& data, const ClusteredFrames& clustered,
                                            MPI_Comm comm) {
  std::vector<double> local_energy;
  parallel::agree_on_input_errors(comm, [&] {
    for (std::size_t f = 0; f < data.frames.size(); ++f) {
      if (!clustered.local[f]) continue;
      const io::Frame& frame = data.frames[f];
      if (!frame.energy)
        throw InputError(frame.source_file + ": frame " + std::to_string(frame.source_index) +
                         " has no energy, which clustering needs (METHOD.md §3)");
      local_energy.push_back(*frame.energy / static_cast<double>(frame.n_atoms()));
    }
  });
  return gather_in_rank_order(local_energy, MPI_DOUBLE, comm);
}

}  // namespace hykal::kernels
