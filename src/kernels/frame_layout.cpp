#include "hykal/kernels/frame_layout.hpp"

#include "hykal/error.hpp"

#include <string>

namespace hykal::kernels {

FrameLayout::FrameLayout(const LocalFeatures& features, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const std::int64_t mine[2] = {features.first_frame, features.n_frames()};
  std::vector<std::int64_t> blocks(2 * static_cast<std::size_t>(size));
  MPI_Allgather(mine, 2, MPI_INT64_T, blocks.data(), 2, MPI_INT64_T, comm);

  block_start_.assign(static_cast<std::size_t>(size) + 1, 0);
  for (int r = 0; r < size; ++r) {
    const auto first = blocks[2 * static_cast<std::size_t>(r)];
    const auto count = blocks[2 * static_cast<std::size_t>(r) + 1];
    HYKAL_ASSERT(first == block_start_[static_cast<std::size_t>(r)],
                 "rank " + std::to_string(r) + " starts at frame " + std::to_string(first) +
                     ": kernel frame blocks must be contiguous and in rank order");
    block_start_[static_cast<std::size_t>(r) + 1] = first + count;
  }

  // Every frame's row count, gathered in rank order (= global frame order).
  std::vector<std::int64_t> my_counts(static_cast<std::size_t>(features.n_frames()));
  for (std::int64_t f = 0; f < features.n_frames(); ++f) my_counts[static_cast<std::size_t>(f)] = features.rows_of(f);
  std::vector<int> counts(static_cast<std::size_t>(size));
  std::vector<int> displacements(static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) {
    counts[static_cast<std::size_t>(r)] = static_cast<int>(end_frame(r) - first_frame(r));
    displacements[static_cast<std::size_t>(r)] = static_cast<int>(first_frame(r));
  }
  std::vector<std::int64_t> all_counts(static_cast<std::size_t>(n_frames()));
  MPI_Allgatherv(my_counts.data(), static_cast<int>(my_counts.size()), MPI_INT64_T, all_counts.data(),
                 counts.data(), displacements.data(), MPI_INT64_T, comm);

  row_start_.assign(static_cast<std::size_t>(n_frames()) + 1, 0);
  for (std::int64_t f = 0; f < n_frames(); ++f) {
    row_start_[static_cast<std::size_t>(f) + 1] = row_start_[static_cast<std::size_t>(f)] + all_counts[static_cast<std::size_t>(f)];
  }
  owner_.resize(static_cast<std::size_t>(n_frames()));
  for (int r = 0; r < size; ++r) {
    for (std::int64_t f = first_frame(r); f < end_frame(r); ++f) owner_[static_cast<std::size_t>(f)] = r;
  }
  split_frame_.resize(static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) {
    std::int64_t f = first_frame(r);
    while (f < end_frame(r) && 2 * (row_start(f) - row_start(first_frame(r))) < rows_of_rank(r)) ++f;
    split_frame_[static_cast<std::size_t>(r)] = f;
  }
}

bool FrameLayout::shares(int a, int b) const {
  const int p = n_ranks();
  return 2 * (((b - a) % p + p) % p) == p;
}

bool FrameLayout::computes(int a, int b) const {
  const int p = n_ranks();
  const int d = ((b - a) % p + p) % p;
  return 2 * d <= p;
}

bool FrameLayout::computed_directly(std::int64_t x, std::int64_t y) const {
  const int a = owner(x);
  const int b = owner(y);
  if (a == b) return x >= y;
  if (!shares(a, b)) return computes(a, b);
  // The shared pair: the lower rank takes b's first half, the upper its own second half.
  return 2 * a < n_ranks() ? y < split_frame(b) : x >= split_frame(a);
}

}  // namespace hykal::kernels
