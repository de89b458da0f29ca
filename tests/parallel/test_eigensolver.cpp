// ELPA and ScaLAPACK eigensolvers on matrices with an analytic spectrum, for the k smallest and
// k largest eigenpairs, on several grids and block sizes:
//  - the tridiagonal (2, −1) matrix: λ_j = 2 − 2 cos(jπ/(n+1)), v_j(i) = √(2/(n+1)) sin(ijπ/(n+1));
//  - a dense Q diag(d) Qᵀ with Q a Householder reflector, d of both signs: λ = d, v = columns of Q.
// Every rank count compares against the same analytic values, so results agree across rank counts.
#include "hykal/parallel/eigensolver.hpp"

#include "hykal/error.hpp"

#include "grid_shapes.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <vector>

using hykal::parallel::BlacsGrid;
using hykal::parallel::DistributedMatrix;
using hykal::parallel::EigensolverKind;
using hykal::parallel::SpectrumEnd;

namespace {

const double pi = std::acos(-1.0);

struct AnalyticCase {
  Eigen::MatrixXd matrix;
  Eigen::VectorXd values;   // ascending
  Eigen::MatrixXd vectors;  // column c belongs to values[c]
};

AnalyticCase tridiagonal(int n) {
  AnalyticCase c{Eigen::MatrixXd::Zero(n, n), Eigen::VectorXd(n), Eigen::MatrixXd(n, n)};
  for (int i = 0; i < n; ++i) {
    c.matrix(i, i) = 2.0;
    if (i + 1 < n) c.matrix(i, i + 1) = c.matrix(i + 1, i) = -1.0;
  }
  for (int j = 1; j <= n; ++j) {
    c.values[j - 1] = 2.0 - 2.0 * std::cos(j * pi / (n + 1));
    for (int i = 1; i <= n; ++i) c.vectors(i - 1, j - 1) = std::sqrt(2.0 / (n + 1)) * std::sin(i * j * pi / (n + 1));
  }
  return c;
}

AnalyticCase householder_spectrum(int n) {
  Eigen::VectorXd u(n);
  for (int i = 0; i < n; ++i) u[i] = 1.0 + 0.5 * std::sin(1.7 * i);
  const Eigen::MatrixXd q = Eigen::MatrixXd::Identity(n, n) - 2.0 * u * u.transpose() / u.squaredNorm();
  Eigen::VectorXd d(n);
  for (int i = 0; i < n; ++i) d[i] = 0.25 * (i - n / 3);  // ascending, negative and positive
  return AnalyticCase{q * d.asDiagonal() * q.transpose(), d, q};
}

void check_eigenpairs(EigensolverKind kind, const AnalyticCase& reference, const BlacsGrid& grid, int block, int k,
                      SpectrumEnd end) {
  const int n = static_cast<int>(reference.values.size());
  DistributedMatrix a(grid, n, n, block);
  a.fill([&](int i, int j) { return reference.matrix(i, j); });
  const hykal::parallel::EigenPairs pairs = hykal::parallel::solve_symmetric(kind, std::move(a), k, end);
  const int first = end == SpectrumEnd::smallest ? 0 : n - k;

  REQUIRE(pairs.values.size() == static_cast<std::size_t>(k));
  REQUIRE(pairs.vectors.rows() == n);
  REQUIRE(pairs.vectors.cols() == k);
  const Eigen::MatrixXd v = pairs.vectors.gather_to_all();
  // Achieved: ~1e-15 relative for every quantity (ELPA and pdsyevr, 1 to 4 ranks); a skipped or
  // wrong back-transformation gives O(1) residuals.
  const double scale = reference.values.cwiseAbs().maxCoeff();
  for (int c = 0; c < k; ++c) {
    CHECK(std::abs(pairs.values[c] - reference.values[first + c]) < 1e-12 * scale);
    const double residual = (reference.matrix * v.col(c) - pairs.values[c] * v.col(c)).norm();
    CHECK(residual < 1e-12 * scale);
    // Distinct eigenvalues: the vector is the analytic one up to sign.
    CHECK(std::abs(std::abs(v.col(c).dot(reference.vectors.col(first + c))) - 1.0) < 1e-12);
  }
  const double orthonormality = (v.transpose() * v - Eigen::MatrixXd::Identity(k, k)).cwiseAbs().maxCoeff();
  CHECK(orthonormality < 1e-12);
}

}  // namespace

TEST_CASE("eigensolvers are chosen by name", "[parallel][eigen]") {
  CHECK(hykal::parallel::eigensolver_from_name("elpa") == EigensolverKind::elpa);
  CHECK(hykal::parallel::eigensolver_from_name("scalapack") == EigensolverKind::scalapack);
  CHECK(hykal::parallel::eigensolver_name(EigensolverKind::elpa) == "elpa");
  CHECK(hykal::parallel::make_eigensolver(EigensolverKind::scalapack)->kind() == EigensolverKind::scalapack);
  CHECK_THROWS_AS(hykal::parallel::eigensolver_from_name("lapack"), hykal::InputError);
  CHECK_THROWS_WITH(hykal::parallel::eigensolver_from_name("ELPA2"), Catch::Contains("eigensolver: unknown"));
}

TEST_CASE("smallest and largest eigenpairs of analytic matrices", "[parallel][eigen]") {
  // Small blocks that do and do not divide n, and the default block of 64 with n > 64 (pdsyevr's
  // back-transformation workspace bug shows only when k is below the block size).
  struct Size {
    int n;
    int block;
  };
  const Size sizes[] = {{50, 4}, {50, 7}, {150, DistributedMatrix::default_block_size}};
  for (const EigensolverKind kind : {EigensolverKind::elpa, EigensolverKind::scalapack}) {
    for (const auto shape : hykal::test::grid_shapes()) {
      BlacsGrid grid(MPI_COMM_WORLD, shape);
      for (const Size size : sizes) {
        const int block = size.block;
        const AnalyticCase cases[] = {tridiagonal(size.n), householder_spectrum(size.n)};
        for (const AnalyticCase& reference : cases) {
          for (const SpectrumEnd end : {SpectrumEnd::smallest, SpectrumEnd::largest}) {
            INFO(hykal::parallel::eigensolver_name(kind) << " grid " << shape.rows << "x" << shape.cols << " block "
                                                          << block << (end == SpectrumEnd::smallest ? " smallest" : " largest"));
            check_eigenpairs(kind, reference, grid, block, 5, end);
          }
        }
      }
    }
  }
}

TEST_CASE("all eigenpairs (k = N) and a single one (k = 1)", "[parallel][eigen]") {
  const int n = 24;
  const AnalyticCase reference = householder_spectrum(n);
  BlacsGrid grid(MPI_COMM_WORLD);
  for (const EigensolverKind kind : {EigensolverKind::elpa, EigensolverKind::scalapack}) {
    INFO(hykal::parallel::eigensolver_name(kind));
    check_eigenpairs(kind, reference, grid, 5, n, SpectrumEnd::smallest);
    check_eigenpairs(kind, reference, grid, 5, 1, SpectrumEnd::largest);
  }
}
