#include "hykal/io/extxyz_reader.hpp"

#include "hykal/io/extxyz_frame_parser.hpp"
#include "hykal/io/frame_index.hpp"
#include "hykal/io/mapped_file.hpp"

namespace hykal::io {

std::vector<Frame> read_extxyz(const std::string& path, const ReadOptions& options) {
  const MappedFile file(path);
  const std::string_view text = file.text();
  const std::vector<FrameLocation> locations = index_extxyz_text(text, path, 0);
  std::vector<Frame> frames;
  frames.reserve(locations.size());
  for (const FrameLocation& location : locations)
    frames.push_back(parse_extxyz_frame(
        text.substr(static_cast<std::size_t>(location.byte_offset), static_cast<std::size_t>(location.byte_length)),
        location, path, options));
  return frames;
}

}  // namespace hykal::io
