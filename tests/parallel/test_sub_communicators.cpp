// The distributed pieces on a world split in two, both halves working at once on problems of
// different sizes: a BLACS grid of every explicit shape, the distributed matrix, both
// eigensolvers. References are analytic: the fill value f(i, j), its sum, and the eigenvalues
// 2 − 2 cos(kπ/(n+1)) of the n × n second-difference matrix tridiag(−1, 2, −1).
#include "hykal/error.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/distributed_matrix.hpp"
#include "hykal/parallel/eigensolver.hpp"

#include "world_halves.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace hykal::parallel;
using hykal::test::WorldHalf;

namespace {

std::vector<GridShape> shapes_of(int size) {
  std::vector<GridShape> shapes{near_square_shape(size)};
  if (size > 1) {
    shapes.push_back({1, size});
    shapes.push_back({size, 1});
  }
  return shapes;
}

double fill_value(int i, int j) { return 100.0 * i + j + 0.5; }

DistributedMatrix second_difference(const BlacsGrid& grid, int n, int block) {
  DistributedMatrix a(grid, n, n, block);
  a.fill([](int i, int j) { return i == j ? 2.0 : (std::abs(i - j) == 1 ? -1.0 : 0.0); });
  return a;
}

}  // namespace

TEST_CASE("each half builds a BLACS grid of its own shape and fills its own matrix", "[parallel][split]") {
  const WorldHalf half;
  const int n = 29 + 7 * half.half();  // the halves work on different sizes
  for (const GridShape shape : shapes_of(half.size())) {
    const BlacsGrid grid(half.comm(), shape);
    INFO("half " << half.half() << ", grid " << shape.rows << "x" << shape.cols);
    CHECK(grid.nprow() == shape.rows);
    CHECK(grid.npcol() == shape.cols);
    CHECK(grid.myrow() == half.rank() % shape.rows);  // column-major placement
    CHECK(grid.mycol() == half.rank() / shape.rows);
    for (int block : {1, 4, 64}) {
      DistributedMatrix m(grid, n, n + 3, block);
      m.fill(fill_value);
      const Eigen::MatrixXd all = m.gather_to_all();
      double expected_sum = 0.0;
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n + 3; ++j) {
          CHECK(all(i, j) == fill_value(i, j));
          expected_sum += fill_value(i, j);
        }
      CHECK(m.global_sum() == Approx(expected_sum).epsilon(1e-14));
    }
  }
  CHECK_THROWS_AS(BlacsGrid(half.comm(), GridShape{2, half.size()}), hykal::SettingError);
}

TEST_CASE("both eigensolvers on each half at once", "[parallel][split]") {
  const WorldHalf half;
  const int n = 40 + 9 * half.half();
  const double pi = std::acos(-1.0);
  const auto eigenvalue = [&](int k) { return 2.0 - 2.0 * std::cos(k * pi / (n + 1)); };  // k = 1 … n
  for (const EigensolverKind kind : {EigensolverKind::elpa, EigensolverKind::scalapack}) {
    for (const GridShape shape : shapes_of(half.size())) {
      const BlacsGrid grid(half.comm(), shape);
      INFO("half " << half.half() << ", " << eigensolver_name(kind) << ", grid " << shape.rows << "x" << shape.cols);
      const EigenPairs smallest = solve_symmetric(kind, second_difference(grid, n, 8), 3, SpectrumEnd::smallest);
      REQUIRE(smallest.values.size() == 3);
      for (int c = 0; c < 3; ++c) CHECK(smallest.values[c] == Approx(eigenvalue(c + 1)).margin(1e-12));
      const EigenPairs largest = solve_symmetric(kind, second_difference(grid, n, 8), 2, SpectrumEnd::largest);
      CHECK(largest.values.back() == Approx(eigenvalue(n)).margin(1e-12));
      // A v = λ v for the smallest pair, from the gathered eigenvector.
      const Eigen::MatrixXd v = smallest.vectors.gather_to_all();
      const Eigen::MatrixXd a = second_difference(grid, n, 8).gather_to_all();
      CHECK((a * v.col(0) - smallest.values[0] * v.col(0)).norm() < 1e-10);
    }
  }
}
