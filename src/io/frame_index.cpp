#include "hykal/io/frame_index.hpp"

#include "hykal/io/extxyz_text.hpp"
#include "hykal/io/mapped_file.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <numeric>

namespace hykal::io {
namespace {

// The atom-count line of frame `place.frame`, which must hold one positive integer. When it
// does not, the usual cause is the previous frame's atom count (`previous`) not matching its
// atom lines, and the message says which way.
std::int64_t read_atom_count(std::string_view line, const TextPlace& place, const FrameLocation* previous) {
  const std::string_view token = trim(line);
  const auto count = parse_integer(token);
  if (count && *count > 0) return *count;
  std::string what = "expected the number of atoms (a positive integer), found \"" +
                     std::string(token.substr(0, 60)) + (token.size() > 60 ? "…\"" : "\"");
  if (previous != nullptr) {
    const std::string previous_count = "the atom count " + std::to_string(previous->n_atoms) + " of frame " +
                                       std::to_string(previous->index_in_file) + " (line " +
                                       std::to_string(previous->line) + ")";
    if (token.find('=') != std::string_view::npos)
      what += ", which looks like a comment line: " + previous_count + " is larger than its number of atom lines";
    else
      what += ", which looks like an atom line: " + previous_count + " is smaller than its number of atom lines";
  }
  throw_input_error(place, "atom count", what);
}

// Packs a FrameLocation into int64 words for MPI, and back.
constexpr int words_per_location = 6;

void pack(const FrameLocation& location, std::int64_t* words) {
  words[0] = location.file;
  words[1] = location.index_in_file;
  words[2] = location.byte_offset;
  words[3] = location.byte_length;
  words[4] = location.line;
  words[5] = location.n_atoms;
}

FrameLocation unpack(const std::int64_t* words) {
  return {static_cast<std::int32_t>(words[0]), words[1], words[2], words[3], words[4], words[5]};
}

}  // namespace

std::int64_t FrameIndex::n_atoms_total() const {
  return std::accumulate(frames.begin(), frames.end(), std::int64_t{0},
                         [](std::int64_t sum, const FrameLocation& f) { return sum + f.n_atoms; });
}

std::vector<FrameLocation> index_extxyz_text(std::string_view text, const std::string& path,
                                             std::int32_t file_id) {
  if (is_blank(text)) throw_input_error({path, 0, 1}, "atom count", "the file is empty (no frames)");
  std::vector<FrameLocation> frames;
  std::size_t offset = 0;
  std::int64_t line = 1;
  while (offset < text.size()) {
    const std::size_t frame_start = offset;
    const TextPlace place{path, static_cast<std::int64_t>(frames.size()), line};
    const std::string_view count_line = next_line(text, offset);
    if (is_blank(count_line)) {
      if (is_blank(text.substr(offset))) break;  // trailing blank lines end the file
      throw_input_error(place, "atom count",
                        "blank line where a frame should start (ASE would stop reading here and "
                        "drop the frames after it)");
    }
    const std::int64_t n_atoms = read_atom_count(count_line, place, frames.empty() ? nullptr : &frames.back());
    if (offset >= text.size())
      throw_input_error({path, place.frame, line + 1}, "comment line",
                        "the file ends after the atom count " + std::to_string(n_atoms) + " of line " +
                            std::to_string(line));
    next_line(text, offset);
    for (std::int64_t atom = 0; atom < n_atoms; ++atom) {
      if (offset >= text.size())
        throw_input_error({path, place.frame, line + 2 + atom}, "atom lines",
                          "the file ends after " + std::to_string(atom) + " atom lines; the atom count " +
                              std::to_string(n_atoms) + " (line " + std::to_string(line) + ") promises more");
      next_line(text, offset);
    }
    frames.push_back({file_id, place.frame, static_cast<std::int64_t>(frame_start),
                      static_cast<std::int64_t>(offset - frame_start), line, n_atoms});
    line += n_atoms + 2;
  }
  return frames;
}

std::vector<FrameLocation> index_extxyz_file(const std::string& path, std::int32_t file_id) {
  const MappedFile file(path);
  return index_extxyz_text(file.text(), path, file_id);
}

FrameIndex build_frame_index(const std::vector<std::string>& paths, MPI_Comm comm) {
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const auto n_files = static_cast<std::int64_t>(paths.size());
  const std::int64_t first_file = n_files * rank / size;
  const std::int64_t last_file = n_files * (rank + 1) / size;

  std::vector<std::int64_t> local_words;
  parallel::agree_on_input_errors(comm, [&] {
    for (std::int64_t f = first_file; f < last_file; ++f) {
      const auto frames = index_extxyz_file(paths[static_cast<std::size_t>(f)], static_cast<std::int32_t>(f));
      for (const FrameLocation& location : frames) {
        local_words.resize(local_words.size() + words_per_location);
        pack(location, local_words.data() + local_words.size() - words_per_location);
      }
    }
  });

  const int local_count = static_cast<int>(local_words.size());
  std::vector<int> counts(static_cast<std::size_t>(size));
  MPI_Allgather(&local_count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  std::vector<int> displacements(static_cast<std::size_t>(size), 0);
  std::partial_sum(counts.begin(), counts.end() - 1, displacements.begin() + 1);
  std::vector<std::int64_t> words(static_cast<std::size_t>(displacements.back() + counts.back()));
  MPI_Allgatherv(local_words.data(), local_count, MPI_INT64_T, words.data(), counts.data(),
                 displacements.data(), MPI_INT64_T, comm);

  FrameIndex index;
  index.files = paths;
  index.frames.reserve(words.size() / words_per_location);
  for (std::size_t w = 0; w < words.size(); w += words_per_location) index.frames.push_back(unpack(&words[w]));
  return index;
}

}  // namespace hykal::io
