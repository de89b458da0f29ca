#include "hykal/io/extxyz_text.hpp"

#include "hykal/error.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace hykal::io {

void throw_input_error(const TextPlace& place, std::string_view field, const std::string& what) {
  throw InputError(std::string(place.path) + ":" + std::to_string(place.line) + ": frame " +
                   std::to_string(place.frame) + ": " + std::string(field) + ": " + what);
}

std::string_view next_line(std::string_view text, std::size_t& offset) {
  const std::size_t start = offset;
  const void* newline = std::memchr(text.data() + start, '\n', text.size() - start);
  std::size_t end = text.size();
  if (newline != nullptr) {
    end = static_cast<std::size_t>(static_cast<const char*>(newline) - text.data());
    offset = end + 1;
  } else {
    offset = text.size();
  }
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size() && is_space(text[begin])) ++begin;
  std::size_t end = text.size();
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

std::optional<double> parse_double_slow(std::string_view token) {
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (last - first > 1 && *first == '+' && first[1] != '-') ++first;  // from_chars refuses '+'
  double value = 0.0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || first == last || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> parse_finite_double(std::string_view token) {
  std::size_t position = 0;
  const ScannedNumber scanned = scan_finite_double(token, position);
  if (scanned.token.size() != token.size()) return std::nullopt;  // spaces inside the token
  return scanned.value;
}

std::optional<std::int64_t> parse_integer(std::string_view token) {
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (last - first > 1 && *first == '+' && first[1] != '-') ++first;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || first == last) return std::nullopt;
  return value;
}

std::optional<bool> parse_logical(std::string_view token) {
  if (equals_ignoring_case(token, "T") || equals_ignoring_case(token, "True")) return true;
  if (equals_ignoring_case(token, "F") || equals_ignoring_case(token, "False")) return false;
  return std::nullopt;
}

}  // namespace hykal::io
