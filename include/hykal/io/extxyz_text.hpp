#pragma once
// Small scanning helpers shared by the extended XYZ indexer and parser: lines, whitespace
// tokens and numbers read straight from the file's bytes (an exact fast path, else
// std::from_chars; no streams, no allocation), and the error message format that points the user at file, line, frame, field.
#include <array>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hykal::io {

// Where a value was read: every extended XYZ input error names these.
struct TextPlace {
  std::string_view path;
  std::int64_t frame = 0;  // frame number within the file, from 0
  std::int64_t line = 0;   // line number within the file, from 1
};

// Throws hykal::InputError("<path>:<line>: frame <N>: <field>: <what>").
[[noreturn]] void throw_input_error(const TextPlace& place, std::string_view field,
                                    const std::string& what);

// The line starting at `offset` without its "\n" (or "\r\n"); `offset` moves past it.
std::string_view next_line(std::string_view text, std::size_t& offset);

std::string_view trim(std::string_view text);
bool is_blank(std::string_view text);

// For ASCII keys: Lattice, lattice and LATTICE are the same key to QUIP.
bool equals_ignoring_case(std::string_view a, std::string_view b);

// Whitespace as the C locale's isspace, by table lookup: it runs once per byte of every atom line.
inline bool is_space(char c) {
  static constexpr auto table = [] {
    std::array<bool, 256> spaces{};
    for (unsigned char s : {' ', '\t', '\n', '\v', '\f', '\r'}) spaces[s] = true;
    return spaces;
  }();
  return table[static_cast<unsigned char>(c)];
}

// The next whitespace-separated token from `position`, which moves past it; empty at the end.
inline std::string_view next_token(std::string_view text, std::size_t& position) {
  while (position < text.size() && is_space(text[position])) ++position;
  const std::size_t start = position;
  while (position < text.size() && !is_space(text[position])) ++position;
  return text.substr(start, position - start);
}

// Every spelling std::from_chars accepts (plus a leading '+'); refuses NaN and Inf.
std::optional<double> parse_double_slow(std::string_view token);

// A finite double / an integer spanning the whole token, or nothing (NaN and Inf are refused:
// no data set has them on purpose, and they would poison every kernel).
std::optional<double> parse_finite_double(std::string_view token);

// The next token of `text` from `position` (which moves past it) read as a finite double:
// next_token and parse_finite_double in one pass over the bytes, for the atom lines.
//
// Clinger's fast path (W. D. Clinger, PLDI 1990): a decimal with at most 15 digits
// and a power of ten up to 10^22 is m · 10^e or m / 10^-e with m and 10^|e| exact doubles, so
// one IEEE multiplication or division gives the correctly rounded result, the same double that
// from_chars (and ASE's float()) gives. Numbers written with 8–10 decimals always take it;
// anything else (more digits, large exponents, other spellings) goes to parse_double_slow.
// Eight ASCII characters loaded into one little-endian word (first character in the lowest
// byte): are they all digits, and their decimal value. The value is formed by adding
// neighbouring digits in pairs (×10), pairs in quadruples (×100) and quadruples (×10^4) with
// three multiplications instead of eight (the "SWAR" technique, SIMD within a register).
inline bool are_eight_digits(std::uint64_t word) {
  // A byte is a digit iff byte − '0' does not borrow and byte + ('9' + 1 … 0x80 headroom) does
  // not carry into the top bit: 0x46 + '9' = 0x7F, 0x46 + ':' = 0x80.
  return (((word + 0x4646464646464646ull) | (word - 0x3030303030303030ull)) & 0x8080808080808080ull) == 0;
}

inline std::uint64_t value_of_eight_digits(std::uint64_t word) {
  word -= 0x3030303030303030ull;                             // bytes d0 … d7, d0 first
  word = (word * 10 + (word >> 8)) & 0x00FF00FF00FF00FFull;  // 16-bit lanes: 10·d0+d1, …
  word = (word * 100 + (word >> 16)) & 0x0000FFFF0000FFFFull;  // 32-bit lanes: 4 digits each
  return (word * 10000 + (word >> 32)) & 0xFFFFFFFFull;      // 8 digits
}

struct ScannedNumber {
  std::string_view token;        // empty at the end of the text
  std::optional<double> value;   // empty when the token is not a finite number
};

inline ScannedNumber scan_finite_double(std::string_view text, std::size_t& position) {
  static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin + position;
  while (p != end && is_space(*p)) ++p;
  const char* const start = p;
  const auto slow = [&]() -> ScannedNumber {
    while (p != end && !is_space(*p)) ++p;
    position = static_cast<std::size_t>(p - begin);
    const std::string_view token(start, static_cast<std::size_t>(p - start));
    return {token, token.empty() ? std::nullopt : parse_double_slow(token)};
  };
  const bool negative = p != end && *p == '-';
  if (p != end && (*p == '-' || *p == '+')) ++p;
  std::uint64_t mantissa = 0;
  int exponent = 0;  // power of ten applied to the mantissa
  int digits = 0;    // all digits, leading zeros included: at most 15 keeps the mantissa exact
  for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits)
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  if (p != end && *p == '.') {
    ++p;
    // Positions and forces have 8 or more decimals: take eight at a time when they are there.
    std::uint64_t eight = 0;
    if (end - p >= 8 && (std::memcpy(&eight, p, 8), are_eight_digits(eight))) {
      mantissa = mantissa * 100000000 + value_of_eight_digits(eight);
      p += 8;
      exponent -= 8;
      digits += 8;
    }
    for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, --exponent, ++digits)
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  if (digits == 0 || digits > 15 || (p != end && !is_space(*p)) || exponent < -22) {
    p = start;
    return slow();
  }
  position = static_cast<std::size_t>(p - begin);
  double value = static_cast<double>(mantissa);
  value = exponent < 0 ? value / powers_of_ten[-exponent] : value;
  return {std::string_view(start, static_cast<std::size_t>(p - start)), negative ? -value : value};
}

std::optional<std::int64_t> parse_integer(std::string_view token);

// T, F, True, False (any case) as ASE and QUIP write logicals.
std::optional<bool> parse_logical(std::string_view token);

}  // namespace hykal::io
