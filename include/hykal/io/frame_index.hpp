#pragma once
// Where every frame of a data set lies in its files, found by one pass that counts lines only.
//
// The index is what lets ranks share the reading of a large data set: it is cheap to build
// (the atom-count line of each frame is the only number read; atom lines are skipped with
// memchr), small to broadcast, and gives every rank the byte offset of the frames it will parse
// (frame_distribution.hpp). Structural errors (empty file, an atom-count line that is not a
// number, a truncated last frame) are found here; bad values inside a frame are found by the
// rank that parses it.
#include <mpi.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hykal::io {

struct FrameLocation {
  std::int32_t file = 0;           // position in FrameIndex::files
  std::int64_t index_in_file = 0;  // frame number within the file, from 0
  std::int64_t byte_offset = 0;    // of the frame's atom-count line
  std::int64_t byte_length = 0;    // up to the next frame's atom-count line
  std::int64_t line = 0;           // line number of the atom-count line, from 1
  std::int64_t n_atoms = 0;
};

struct FrameIndex {
  std::vector<std::string> files;
  std::vector<FrameLocation> frames;  // global frame order: files as given, frames as in the file

  std::int64_t n_frames() const { return static_cast<std::int64_t>(frames.size()); }
  std::int64_t n_atoms_total() const;
};

// The frames of one file whose whole text is given, in file order. Throws hykal::InputError
// naming path, line, frame and field for an empty file, an atom-count line that is not a
// positive integer, a blank line between frames, or a file that ends inside a frame.
std::vector<FrameLocation> index_extxyz_text(std::string_view text, const std::string& path,
                                             std::int32_t file_id);

// One file read from disk (memory-mapped); errors as above, plus unreadable paths.
std::vector<FrameLocation> index_extxyz_file(const std::string& path, std::int32_t file_id);

// Collective over comm: the files are split into contiguous blocks over the ranks, each rank
// indexes its block, and every rank receives the whole index. An input error on any rank
// becomes the same hykal::parallel::CollectiveInputError on every rank; with contiguous blocks
// the message is always about the first bad file, whatever the number of ranks.
FrameIndex build_frame_index(const std::vector<std::string>& paths, MPI_Comm comm);

}  // namespace hykal::io
