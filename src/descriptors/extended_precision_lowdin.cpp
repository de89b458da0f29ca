#include "hykal/descriptors/extended_precision_lowdin.hpp"

#include "hykal/error.hpp"

#include <limits>
#include <string>

namespace hykal::descriptors {
namespace {

// Cyclic Jacobi: rotate away every off-diagonal element in turn until they are negligible
// against the diagonal. a becomes diagonal (the eigenvalues), v collects the rotations
// (columns = eigenvectors).
void jacobi_eigen(ExtendedMatrix& a, ExtendedMatrix& v) {
  const int n = a.n;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) v(i, j) = i == j ? 1 : 0;
  const ExtendedFloat tolerance = std::numeric_limits<ExtendedFloat>::epsilon();
  constexpr int max_sweeps = 100;
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    ExtendedFloat off = 0, diagonal = 0;
    for (int i = 0; i < n; ++i) {
      diagonal += a(i, i) * a(i, i);
      for (int j = i + 1; j < n; ++j) off += a(i, j) * a(i, j);
    }
    if (off <= tolerance * tolerance * diagonal) return;
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) {
        if (a(p, q) == 0) continue;
        // Rotation angle that zeroes a(p, q) (Golub & Van Loan, Algorithm 8.4.1).
        const ExtendedFloat theta = (a(q, q) - a(p, p)) / (2 * a(p, q));
        const ExtendedFloat t = (theta >= 0 ? 1 : -1) / (abs(theta) + sqrt(theta * theta + 1));
        const ExtendedFloat c = 1 / sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; ++k) {  // columns p, q
          const ExtendedFloat akp = a(k, p), akq = a(k, q);
          a(k, p) = c * akp - s * akq;
          a(k, q) = s * akp + c * akq;
        }
        for (int k = 0; k < n; ++k) {  // rows p, q
          const ExtendedFloat apk = a(p, k), aqk = a(q, k);
          a(p, k) = c * apk - s * aqk;
          a(q, k) = s * apk + c * aqk;
        }
        for (int k = 0; k < n; ++k) {
          const ExtendedFloat vkp = v(k, p), vkq = v(k, q);
          v(k, p) = c * vkp - s * vkq;
          v(k, q) = s * vkp + c * vkq;
        }
      }
  }
  HYKAL_THROW("Jacobi eigensolver did not converge in " + std::to_string(max_sweeps) + " sweeps");
}

}  // namespace

ExtendedMatrix inverse_square_root(const ExtendedMatrix& s) {
  const int n = s.n;
  ExtendedMatrix a = s, v(n);
  jacobi_eigen(a, v);
  std::vector<ExtendedFloat> scale(n);
  for (int k = 0; k < n; ++k) {
    if (!(a(k, k) > 0)) HYKAL_THROW("overlap matrix of the radial basis is not positive definite");
    scale[k] = 1 / sqrt(a(k, k));
  }
  ExtendedMatrix result(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      ExtendedFloat sum = 0;
      for (int k = 0; k < n; ++k) sum += v(i, k) * scale[k] * v(j, k);
      result(i, j) = sum;
    }
  return result;
}

}  // namespace hykal::descriptors
