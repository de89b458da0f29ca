#pragma once
// The comment (second) line of an extended XYZ frame: key=value pairs as ASE and QUIP write
// them. Values may be bare words, or quoted with "…", '…', {…} or […] (the delimiters are
// removed); a backslash takes the next character literally; a key without "=value" means true
// ("T"); spaces around "=" are allowed.
#include "hykal/io/extxyz_text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hykal::io {

struct CommentEntry {
  std::string key;
  std::string value;  // "T" for a bare key
};

// In the order written. Throws hykal::InputError (field "comment line") on an unterminated
// quote or an empty key.
std::vector<CommentEntry> parse_comment_line(std::string_view line, const TextPlace& place);

}  // namespace hykal::io
