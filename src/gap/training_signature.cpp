#include "hykal/gap/training_signature.hpp"

#include <string>

namespace hykal::gap {

namespace {

// FNV-1a (64 bit) of a byte string.
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char byte : text) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

TrainingSignature training_signature(const std::vector<io::Frame>& local_frames, std::int64_t first_frame,
                                     MPI_Comm comm) {
  // Counts and the hash are sums over frames (modulo 2^64 for the hash), hence rank-independent.
  std::int64_t counts[5] = {static_cast<std::int64_t>(local_frames.size()), 0, 0, 0, 0};
  std::uint64_t hash = 0;
  for (std::size_t f = 0; f < local_frames.size(); ++f) {
    const io::Frame& frame = local_frames[f];
    counts[1] += static_cast<std::int64_t>(frame.n_atoms());
    counts[2] += frame.energy ? 1 : 0;
    counts[3] += frame.has_forces() ? 3 * static_cast<std::int64_t>(frame.n_atoms()) : 0;
    counts[4] += frame.virial ? 6 : 0;  // Voigt components
    hash += fnv1a(std::to_string(first_frame + static_cast<std::int64_t>(f)) + ":" + frame.source_file + ":" +
                  std::to_string(frame.source_index));
  }
  MPI_Allreduce(MPI_IN_PLACE, counts, 5, MPI_INT64_T, MPI_SUM, comm);
  MPI_Allreduce(MPI_IN_PLACE, &hash, 1, MPI_UINT64_T, MPI_SUM, comm);
  return TrainingSignature{counts[0], counts[1], counts[2], counts[3], counts[4], hash};
}

}  // namespace hykal::gap
