#include "hykal/gap/smooth_cutoff.hpp"

#include <cmath>

namespace hykal::gap {

namespace {
const double pi = std::acos(-1.0);
}

double SmoothCutoff::value(double r) const {
  if (r >= cutoff) return 0.0;
  const double start = cutoff - transition_width;
  if (r <= start) return 1.0;
  return 0.5 * (1.0 + std::cos(pi * (r - start) / transition_width));
}

double SmoothCutoff::derivative(double r) const {
  const double start = cutoff - transition_width;
  if (r >= cutoff || r <= start) return 0.0;
  return -0.5 * pi / transition_width * std::sin(pi * (r - start) / transition_width);
}

}  // namespace hykal::gap
