#include "hykal/gap/cosine_cutoff.hpp"

#include <cmath>

namespace hykal::gap {

CutoffWeight cosine_cutoff(double r, double cutoff, double transition_width) {
  if (r >= cutoff) return {0.0, 0.0};
  const double inside = r - (cutoff - transition_width);
  if (inside <= 0.0) return {1.0, 0.0};
  const double phase = M_PI * inside / transition_width;
  return {0.5 * (1.0 + std::cos(phase)), -0.5 * M_PI / transition_width * std::sin(phase)};
}

}  // namespace hykal::gap
