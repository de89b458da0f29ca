#include "hykal/descriptors/gauss_legendre.hpp"

#include "hykal/descriptors/extended_precision_lowdin.hpp"

#include <boost/math/constants/constants.hpp>

#include <cmath>

namespace hykal::descriptors {
namespace {

// P_n(x) and P_n'(x) by the three-term recurrence.
void legendre(int n, const ExtendedFloat& x, ExtendedFloat& p, ExtendedFloat& derivative) {
  ExtendedFloat p_previous = 1;
  p = x;
  for (int k = 2; k <= n; ++k) {
    ExtendedFloat p_next = ((2 * k - 1) * x * p - (k - 1) * p_previous) / k;
    p_previous = p;
    p = p_next;
  }
  derivative = n * (x * p - p_previous) / (x * x - 1);
}

}  // namespace

QuadratureRule gauss_legendre(int n_points) {
  QuadratureRule rule;
  rule.nodes.resize(n_points);
  rule.weights.resize(n_points);
  const ExtendedFloat pi = boost::math::constants::pi<ExtendedFloat>();
  const ExtendedFloat tolerance = 1e-40;
  for (int i = 0; i < n_points; ++i) {
    // Tricomi's initial guess for the i-th largest root, then Newton in 50 digits: the weights
    // come out correctly rounded (numpy's leggauss is 6.5e-12 off at the end nodes).
    ExtendedFloat x = cos(pi * (i + ExtendedFloat(3) / 4) / (n_points + ExtendedFloat(1) / 2));
    ExtendedFloat p, derivative;
    for (int iteration = 0; iteration < 100; ++iteration) {
      legendre(n_points, x, p, derivative);
      const ExtendedFloat step = p / derivative;
      x -= step;
      if (abs(step) < tolerance) break;
    }
    legendre(n_points, x, p, derivative);
    const int k = n_points - 1 - i;  // ascending order
    rule.nodes[k] = static_cast<double>(x);
    rule.weights[k] = static_cast<double>(2 / ((1 - x * x) * derivative * derivative));
  }
  return rule;
}

}  // namespace hykal::descriptors
