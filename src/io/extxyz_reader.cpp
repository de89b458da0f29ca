#include "hykal/io/extxyz_reader.hpp"

#include "hykal/io/extxyz_frame_parser.hpp"
#include "hykal/io/frame_index.hpp"
#include "hykal/io/mapped_file.hpp"

namespace hykal::io {

std::vector<Frame> read_extxyz(const std::string& path, const ReadOptions& options) {
  const MappedFile file(path);
  return read_extxyz_text(file.text(), path, options);
}

std::vector<Frame> read_extxyz_text(std::string_view text, const std::string& name, const ReadOptions& options) {
  const std::vector<FrameLocation> locations = index_extxyz_text(text, name, 0);
  std::vector<Frame> frames;
  frames.reserve(locations.size());
  for (const FrameLocation& location : locations)
    frames.push_back(parse_extxyz_frame(
        text.substr(static_cast<std::size_t>(location.byte_offset), static_cast<std::size_t>(location.byte_length)),
        location, name, options));
  return frames;
}

}  // namespace hykal::io
