#include "hykal/io/extxyz_annotation.hpp"

#include "hykal/io/extxyz_comment.hpp"
#include "hykal/io/extxyz_writer.hpp"

#include <algorithm>

namespace hykal::io {
namespace {

void check_new_key(const std::vector<CommentEntry>& entries, const std::string& key, const TextPlace& place) {
  for (const CommentEntry& entry : entries)
    if (equals_ignoring_case(entry.key, key))
      throw_input_error(place, key, "the frame already has this key, where the new values would go");
}

// Whether the Properties value "name:type:columns:…" has a column called name.
bool has_column(std::string_view properties, std::string_view name) {
  std::size_t start = 0;
  for (int field = 0; start <= properties.size(); ++field) {
    const std::size_t end = std::min(properties.find(':', start), properties.size());
    if (field % 3 == 0 && equals_ignoring_case(properties.substr(start, end - start), name)) return true;
    start = end + 1;
  }
  return false;
}

// The Properties value with the new R:3 columns appended; a column of the same name is refused.
std::string extended_properties(std::string properties, const AddedValues& added, const TextPlace& place) {
  for (const auto& [name, values] : added.per_atom) {
    if (has_column(properties, name))
      throw_input_error(place, "Properties", "the frame already has a column " + name + ", where the new values would go");
    properties += ":" + name + ":R:3";
  }
  return properties;
}

std::string comment_line(std::string_view line, const TextPlace& place, const AddedValues& added) {
  std::vector<CommentEntry> entries = parse_comment_line(line, place);
  bool has_properties = false;
  for (CommentEntry& entry : entries)
    if (equals_ignoring_case(entry.key, "Properties")) {
      entry.value = extended_properties(entry.value, added, place);
      has_properties = true;
    }
  if (!has_properties) throw_input_error(place, "Properties", "missing");
  std::string text;
  for (const CommentEntry& entry : entries) {
    if (!text.empty()) text += ' ';
    append_word(text, entry.key);
    text += '=';
    append_word(text, entry.value);
  }
  for (const auto& [key, numbers] : added.per_frame) {
    check_new_key(entries, key, place);
    text += ' ' + key + '=';
    if (numbers.size() > 1) text += '"';
    append_numbers(text, numbers.data(), static_cast<int>(numbers.size()));
    if (numbers.size() > 1) text += '"';
  }
  return text;
}

}  // namespace

std::string annotated_frame_text(std::string_view frame_text, const TextPlace& place, const AddedValues& added) {
  std::size_t offset = 0;
  const std::string_view count_line = next_line(frame_text, offset);
  const std::optional<std::int64_t> n_atoms = parse_integer(trim(count_line));
  if (!n_atoms || *n_atoms < 1) throw_input_error(place, "atom count", "not a positive integer");
  TextPlace comment_place = place;
  comment_place.line += 1;
  std::string text = std::string(trim(count_line)) + '\n' + comment_line(next_line(frame_text, offset), comment_place, added) + '\n';
  for (std::int64_t atom = 0; atom < *n_atoms; ++atom) {
    if (offset >= frame_text.size()) throw_input_error(place, "atom lines", "the frame ends before atom " + std::to_string(atom));
    const std::string_view line = next_line(frame_text, offset);
    text += std::string(line.substr(0, line.find_last_not_of(" \t\r") + 1));
    for (const auto& [name, values] : added.per_atom)
      for (int c = 0; c < 3; ++c) {
        text += ' ';
        append_number(text, values(atom, c));
      }
    text += '\n';
  }
  return text;
}

}  // namespace hykal::io
