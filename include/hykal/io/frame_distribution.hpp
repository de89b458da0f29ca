#pragma once
// Reading a large data set in parallel: frames are dealt to ranks in contiguous blocks of the
// global frame order, balanced by atom count (the parsing cost and the memory of a frame grow
// with its atoms), and each rank parses only its block by seeking to the offsets the FrameIndex
// recorded.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame.hpp"
#include "hykal/io/frame_index.hpp"

#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hykal::io {

// Rank r owns the global frames [first(r), last(r)); blocks are contiguous and in rank order.
class FrameDistribution {
 public:
  FrameDistribution() = default;
  explicit FrameDistribution(std::vector<std::int64_t> block_starts);  // n_ranks + 1 entries

  int n_ranks() const { return static_cast<int>(starts_.size()) - 1; }
  std::int64_t n_frames() const { return starts_.empty() ? 0 : starts_.back(); }
  std::int64_t first(int rank) const { return starts_[static_cast<std::size_t>(rank)]; }
  std::int64_t last(int rank) const { return starts_[static_cast<std::size_t>(rank) + 1]; }
  std::int64_t count(int rank) const { return last(rank) - first(rank); }
  int owner(std::int64_t frame) const;

 private:
  std::vector<std::int64_t> starts_{0};
};

// Deterministic split of frames with the given atom counts over n_ranks: block r ends at the
// frame boundary nearest to a fraction (r+1)/n_ranks of all atoms (ties to the earlier frame).
// A rank's load then exceeds the mean by at most the largest frame. Ranks may own no frame
// when there are fewer frames than ranks.
FrameDistribution distribute_by_atoms(const std::vector<std::int64_t>& atom_counts, int n_ranks);

// What a rank holds after a distributed read.
struct LocalFrames {
  std::vector<Frame> frames;  // this rank's frames, in global order
  FrameIndex index;           // every frame of the data set: file, index in file, atom count
  FrameDistribution distribution;
  std::int64_t first_frame = 0;  // global frame number of frames[0]

  std::int64_t global_frame(std::size_t local) const { return first_frame + static_cast<std::int64_t>(local); }
};

// Collective over comm. Indexes the files (split over ranks), distributes the frames by atom
// count and parses this rank's frames. Any input error, found by any rank while indexing or
// parsing, becomes the same hykal::parallel::CollectiveInputError on every rank (the message of
// the first bad frame in global order). `paths` are files, not globs (see expand_paths).
LocalFrames read_distributed(const std::vector<std::string>& paths, const ReadOptions& options, MPI_Comm comm);

// Collective over comm, which may be any group of ranks (a GAP fit group, the ranks of one
// active-learning step): the given frames of an indexed data set (global frame numbers of
// `index`, ascending), dealt over comm by atom count and parsed, no file indexed again. The
// result is a data set of its own: its index holds only those frames, in the given order, and
// local frame f is subset frame global_frame(f), i.e. data-set frame frames[global_frame(f)].
LocalFrames read_frame_subset(const FrameIndex& index, const std::vector<std::int64_t>& frames,
                              const ReadOptions& options, MPI_Comm comm);

}  // namespace hykal::io
