#pragma once
// Which rank holds which frames and how many feature rows every frame has, known on every rank
// (one allgather of N integers), and the ring schedule of the average kernel
// (average_kernel.hpp): with P ranks, rank a computes its block pair with rank b when
// d = (b − a) mod P satisfies 0 < d < P/2; with a == b it computes the lower triangle of its own
// block. For even P the pair at d = P/2 is met by both ranks at the last ring step (each then
// holds the other's rows), so they share it: the lower rank a < P/2 computes its frames against
// the first half (by rows) of b's frames, b its second half against all of a's. Every unordered
// pair is then computed exactly once, every rank does floor(P/2) + 1 steps, and every rank does
// the same share of the work (before the split, rank a < P/2 did the whole d = P/2 block: at
// P = 2 rank 0 computed three times rank 1's pairs).
#include "hykal/kernels/local_features.hpp"

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::kernels {

class FrameLayout {
 public:
  // Collective over comm. HYKAL_THROW unless the ranks' frame blocks are contiguous and in rank order.
  FrameLayout(const LocalFeatures& features, MPI_Comm comm);

  int n_ranks() const { return static_cast<int>(block_start_.size()) - 1; }
  std::int64_t n_frames() const { return block_start_.back(); }
  std::int64_t first_frame(int rank) const { return block_start_[static_cast<std::size_t>(rank)]; }
  std::int64_t end_frame(int rank) const { return block_start_[static_cast<std::size_t>(rank) + 1]; }
  int owner(std::int64_t frame) const { return owner_[static_cast<std::size_t>(frame)]; }
  // Global row offsets: frame f owns rows [row_start(f), row_start(f + 1)) of the stacked rows.
  std::int64_t row_start(std::int64_t frame) const { return row_start_[static_cast<std::size_t>(frame)]; }
  std::int64_t rows_of_rank(int rank) const { return row_start(end_frame(rank)) - row_start(first_frame(rank)); }
  std::int64_t total_rows() const { return row_start_.back(); }

  // The ring schedule above: does rank a compute (part of) the block pair (a, b)?
  bool computes(int a, int b) const;
  // Is (a, b) the shared pair d = P/2 of an even P?
  bool shares(int a, int b) const;
  // First frame of the second half (by rows) of rank's block: where a shared pair is split.
  std::int64_t split_frame(int rank) const { return split_frame_[static_cast<std::size_t>(rank)]; }
  // Is K(x, y) computed as (x, y) by the owner of x (true) or as (y, x) by the owner of y?
  bool computed_directly(std::int64_t x, std::int64_t y) const;
  int ring_steps() const { return n_ranks() / 2 + 1; }

 private:
  std::vector<std::int64_t> block_start_;  // n_ranks + 1
  std::vector<std::int64_t> row_start_;    // n_frames + 1
  std::vector<int> owner_;                 // n_frames
  std::vector<std::int64_t> split_frame_;  // n_ranks
};

}  // namespace hykal::kernels
