#include "hykal/learning/random_stream.hpp"

#include "hykal/error.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <utility>

namespace hykal::learning {

std::size_t RandomStream::index(std::size_t n) {
  HYKAL_ASSERT(n >= 1, "empty range");
  const std::uint64_t range = static_cast<std::uint64_t>(n);
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = max - (max % range + 1) % range;  // draws ≤ limit are unbiased
  std::uint64_t draw = engine_();
  while (draw > limit) draw = engine_();
  return static_cast<std::size_t>(draw % range);
}

double RandomStream::normal() {
  for (;;) {
    const double u = 2.0 * uniform() - 1.0;
    const double v = 2.0 * uniform() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

std::vector<std::size_t> RandomStream::permutation(std::size_t n) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[index(i)]);
  return order;
}

std::string RandomStream::state() const {
  std::ostringstream text;
  text << engine_;
  return text.str();
}

void RandomStream::restore(const std::string& state) {
  std::istringstream text(state);
  text >> engine_;
  if (!text) throw InputError("random stream state is not an mt19937_64 state: '" + state.substr(0, 40) + "…'");
}

}  // namespace hykal::learning
