#include "hykal/kernels/vector_exp.hpp"

#include <cstdint>
#include <cstring>

namespace hykal::kernels {

namespace {

constexpr double log2_e = 1.4426950408889634074;
// ln 2 split so that k · ln2_high is exact for |k| < 2^11 (the low 32 bits of ln2_high are zero).
constexpr double ln2_high = 0x1.62e42fee00000p-1;
constexpr double ln2_low = 0x1.a39ef35793c76p-33;
// Adding 1.5 · 2^52 rounds a double of magnitude < 2^51 to an integer, held in the low mantissa bits.
constexpr double round_shift = 0x1.8p52;
constexpr double lowest_argument = -746.0;  // e^x rounds to 0 below −745.13
constexpr double highest_argument = 710.0;  // e^x overflows above 709.78

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

double from_bits(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// 2^k for the integer k held in shifted = k + round_shift, −1022 ≤ k ≤ 1023.
double power_of_two(double shifted) {
  return from_bits((bits(shifted) - bits(round_shift) + 1023u) << 52);
}

double clamped(double x) {
  x = x < lowest_argument ? lowest_argument : x;
  return x > highest_argument ? highest_argument : x;
}

// e^x for lowest_argument ≤ x ≤ highest_argument.
double exp_one(double x) {
  const double k_shifted = x * log2_e + round_shift;
  const double k = k_shifted - round_shift;
  const double r = (x - k * ln2_high) - k * ln2_low;
  // e^r = Σ_{n ≤ 13} rⁿ/n!, Horner form.
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // 2^k = 2^h · 2^(k−h) with h = k/2 rounded: both factors stay normal for −1076 ≤ k ≤ 1024, and
  // only the last product rounds (when the result is subnormal).
  const double h_shifted = k * 0.5 + round_shift;
  const double h = h_shifted - round_shift;
  return (p * power_of_two(h_shifted)) * power_of_two((k - h) + round_shift);
}

}  // namespace

void exp_in_place(double* values, std::size_t count) {
  // Two passes: with the clamp inside, the compiler threads jumps through the constant end points
  // and the loop no longer vectorises.
  for (std::size_t i = 0; i < count; ++i) values[i] = clamped(values[i]);
  for (std::size_t i = 0; i < count; ++i) values[i] = exp_one(values[i]);
}

}  // namespace hykal::kernels
