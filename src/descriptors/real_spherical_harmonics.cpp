#include "hykal/descriptors/real_spherical_harmonics.hpp"

#include <cmath>

namespace hykal::descriptors {

RealSphericalHarmonics::RealSphericalHarmonics(int l_max)
    : l_max_(l_max),
      a_(static_cast<std::size_t>((l_max + 1) * (l_max + 1)), 0.0),
      b_(a_.size(), 0.0),
      diagonal_(static_cast<std::size_t>(l_max + 1)) {
  // q_00 = 1/sqrt(4 pi); q_mm = q_{m-1,m-1} sqrt((2m+1)/(2m)) from the normalisation
  // N_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!) and P_mm ∝ (2m-1)!! sin^m θ.
  diagonal_[0] = 1.0 / std::sqrt(4.0 * M_PI);
  for (int m = 1; m <= l_max; ++m)
    diagonal_[m] = diagonal_[m - 1] * std::sqrt((2.0 * m + 1.0) / (2.0 * m));
  for (int m = 0; m <= l_max; ++m)
    for (int l = m + 1; l <= l_max; ++l) {
      const double l2 = double(l) * l, m2 = double(m) * m, lm1 = l - 1.0;
      a_[l * (l_max + 1) + m] = std::sqrt((4.0 * l2 - 1.0) / (l2 - m2));
      b_[l * (l_max + 1) + m] = std::sqrt((lm1 * lm1 - m2) / (4.0 * lm1 * lm1 - 1.0));
    }
}

void RealSphericalHarmonics::evaluate(double x, double y, double z, double* values) const {
  compute(x, y, z, values, nullptr);
}

void RealSphericalHarmonics::evaluate_with_gradient(double x, double y, double z, double* values,
                                                    double* gradient) const {
  compute(x, y, z, values, gradient);
}

namespace {

// Stores (1 - u uᵀ) g: the part of the polynomial's gradient along the sphere.
void store_tangential(double x, double y, double z, double gx, double gy, double gz, double* out) {
  const double radial = x * gx + y * gy + z * gz;
  out[0] = gx - radial * x;
  out[1] = gy - radial * y;
  out[2] = gz - radial * z;
}

}  // namespace

void RealSphericalHarmonics::compute(double x, double y, double z, double* values, double* gradient) const {
  const int stride = l_max_ + 1;
  double re = 1.0, im = 0.0;              // (x + i y)^m
  double re_lower = 0.0, im_lower = 0.0;  // (x + i y)^(m-1)
  for (int m = 0; m <= l_max_; ++m) {
    const double scale_cos = m == 0 ? 1.0 : M_SQRT2 * re;
    const double scale_sin = M_SQRT2 * im;
    double q_previous = 0.0, q = diagonal_[m];
    double dq_previous = 0.0, dq = 0.0;  // dq_lm/dz by differentiating the recurrence
    for (int l = m; l <= l_max_; ++l) {
      if (l > m) {
        const double a = a_[l * stride + m], b = b_[l * stride + m];
        const double q_next = a * (z * q - b * q_previous);
        const double dq_next = a * (q + z * dq - b * dq_previous);
        q_previous = q;
        q = q_next;
        dq_previous = dq;
        dq = dq_next;
      }
      const int centre = l * l + l;
      values[centre + m] = q * scale_cos;
      if (m > 0) values[centre - m] = q * scale_sin;
      if (gradient == nullptr) continue;
      if (m == 0) {
        store_tangential(x, y, z, 0.0, 0.0, dq, gradient + 3 * centre);
        continue;
      }
      // ∂/∂x (x + i y)^m = m (x + i y)^(m-1), ∂/∂y (x + i y)^m = i m (x + i y)^(m-1).
      const double mq = M_SQRT2 * m * q;
      store_tangential(x, y, z, mq * re_lower, -mq * im_lower, M_SQRT2 * dq * re, gradient + 3 * (centre + m));
      store_tangential(x, y, z, mq * im_lower, mq * re_lower, M_SQRT2 * dq * im, gradient + 3 * (centre - m));
    }
    re_lower = re;
    im_lower = im;
    const double re_next = x * re - y * im;
    im = x * im + y * re;
    re = re_next;
  }
}

}  // namespace hykal::descriptors
