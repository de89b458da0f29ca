#include "hykal/io/frame_distribution.hpp"

#include "hykal/error.hpp"
#include "hykal/io/extxyz_frame_parser.hpp"
#include "hykal/io/mapped_file.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <algorithm>
#include <memory>

namespace hykal::io {

FrameDistribution::FrameDistribution(std::vector<std::int64_t> block_starts) : starts_(std::move(block_starts)) {
  HYKAL_ASSERT(starts_.size() >= 2 && starts_.front() == 0 && std::is_sorted(starts_.begin(), starts_.end()),
               "block starts must begin at 0 and not decrease");
}

int FrameDistribution::owner(std::int64_t frame) const {
  HYKAL_ASSERT(frame >= 0 && frame < n_frames(), "frame " + std::to_string(frame));
  // The last block start not after `frame` whose block is not empty.
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), frame);
  return static_cast<int>(after - starts_.begin()) - 1;
}

FrameDistribution distribute_by_atoms(const std::vector<std::int64_t>& atom_counts, int n_ranks) {
  HYKAL_ASSERT(n_ranks >= 1, "at least one rank");
  std::vector<std::int64_t> atoms_before(atom_counts.size() + 1, 0);
  for (std::size_t i = 0; i < atom_counts.size(); ++i) atoms_before[i + 1] = atoms_before[i] + atom_counts[i];
  const std::int64_t total = atoms_before.back();
  const auto n_frames = static_cast<std::int64_t>(atom_counts.size());

  std::vector<std::int64_t> starts(static_cast<std::size_t>(n_ranks) + 1, 0);
  starts.back() = n_frames;
  for (int r = 1; r < n_ranks; ++r) {
    // Compare atoms_before[i] · n_ranks with r · total to stay in integers.
    const std::int64_t target = static_cast<std::int64_t>(r) * total;
    const auto scaled = [&](std::int64_t i) { return atoms_before[static_cast<std::size_t>(i)] * n_ranks; };
    std::int64_t i = starts[static_cast<std::size_t>(r) - 1];
    while (i < n_frames && scaled(i + 1) <= target) ++i;  // last boundary not past the target
    if (i < n_frames && scaled(i + 1) - target < target - scaled(i)) ++i;
    starts[static_cast<std::size_t>(r)] = i;
  }
  return FrameDistribution(std::move(starts));
}

namespace {

// Deals the indexed frames over comm by atom count and parses this rank's block.
LocalFrames read_indexed(FrameIndex index, const ReadOptions& options, MPI_Comm comm) {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  LocalFrames local;
  local.index = std::move(index);
  std::vector<std::int64_t> atom_counts;
  atom_counts.reserve(local.index.frames.size());
  for (const FrameLocation& location : local.index.frames) atom_counts.push_back(location.n_atoms);
  local.distribution = distribute_by_atoms(atom_counts, size);
  local.first_frame = local.distribution.first(rank);

  parallel::agree_on_input_errors(comm, [&] {
    std::unique_ptr<MappedFile> file;
    for (std::int64_t g = local.distribution.first(rank); g < local.distribution.last(rank); ++g) {
      const FrameLocation& location = local.index.frames[static_cast<std::size_t>(g)];
      const std::string& path = local.index.files[static_cast<std::size_t>(location.file)];
      if (!file || file->path() != path) file = std::make_unique<MappedFile>(path);
      const std::string_view text = file->text().substr(static_cast<std::size_t>(location.byte_offset),
                                                        static_cast<std::size_t>(location.byte_length));
      local.frames.push_back(parse_extxyz_frame(text, location, path, options));
    }
  });
  return local;
}

}  // namespace

LocalFrames read_distributed(const std::vector<std::string>& paths, const ReadOptions& options, MPI_Comm comm) {
  return read_indexed(build_frame_index(paths, comm), options, comm);
}

LocalFrames read_frame_subset(const FrameIndex& index, const std::vector<std::int64_t>& frames,
                              const ReadOptions& options, MPI_Comm comm) {
  FrameIndex subset;
  subset.files = index.files;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    HYKAL_ASSERT(frames[i] >= 0 && frames[i] < index.n_frames() && (i == 0 || frames[i] > frames[i - 1]),
                 "subset frames must be ascending frame numbers of the index");
    subset.frames.push_back(index.frames[static_cast<std::size_t>(frames[i])]);
  }
  return read_indexed(std::move(subset), options, comm);
}

}  // namespace hykal::io
