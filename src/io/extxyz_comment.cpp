#include "hykal/io/extxyz_comment.hpp"

namespace hykal::io {
namespace {

char closing_delimiter(char c) {
  switch (c) {
    case '"': return '"';
    case '\'': return '\'';
    case '{': return '}';
    case '[': return ']';
    default: return '\0';
  }
}

// One "key=value" item while it is being read: the pieces between unquoted "=" signs.
struct Item {
  std::vector<std::string> parts{std::string()};
  bool last_part_started = false;  // an opened quote counts, so that key="" has a value
  bool empty() const { return parts.size() == 1 && !last_part_started; }
};

CommentEntry to_entry(const Item& item, const TextPlace& place) {
  if (item.parts[0].empty())
    throw_input_error(place, "comment line", "a value without a key (\"=" +
                                                 (item.parts.size() > 1 ? item.parts[1] : "") + "\")");
  if (item.parts.size() == 1) return {item.parts[0], "T"};
  std::string value = item.parts[1];
  for (std::size_t i = 2; i < item.parts.size(); ++i) value += "=" + item.parts[i];
  return {item.parts[0], value};
}

}  // namespace

std::vector<CommentEntry> parse_comment_line(std::string_view line, const TextPlace& place) {
  std::vector<Item> items(1);
  char closing = '\0';
  std::size_t opened_at = 0;
  bool escaped = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    Item& item = items.back();
    if (escaped) {
      item.parts.back() += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
      item.last_part_started = true;
    } else if (closing != '\0') {
      if (c == closing) closing = '\0';
      else item.parts.back() += c;
    } else if (closing_delimiter(c) != '\0') {
      closing = closing_delimiter(c);
      opened_at = i;
      item.last_part_started = true;
    } else if (is_space(c)) {
      // A space ends the item unless it is still waiting for its value ("key= value").
      if (!item.empty() && (item.last_part_started || !item.parts.back().empty()))
        items.emplace_back();
    } else if (c == '=') {
      // "key =value": the "=" belongs to the item before the space.
      Item& owner = (item.empty() && items.size() > 1) ? items[items.size() - 2] : item;
      if (&owner != &item) items.pop_back();
      items.back().parts.emplace_back();
      items.back().last_part_started = false;
    } else {
      item.parts.back() += c;
      item.last_part_started = true;
    }
  }
  if (closing != '\0')
    throw_input_error(place, "comment line", std::string("the quote ") + line[opened_at] +
                                                 " opened at column " + std::to_string(opened_at + 1) +
                                                 " is never closed");
  std::vector<CommentEntry> entries;
  entries.reserve(items.size());
  for (const Item& item : items)
    if (!item.empty()) entries.push_back(to_entry(item, place));
  return entries;
}

}  // namespace hykal::io
