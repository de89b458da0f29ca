// The vectorised pieces of the Laplacian kernel exp(−γ‖x − y‖₁) (METHOD.md §2):
//   - exp_in_place against the C library's std::exp (glibc, < 1 ulp) over the kernel's argument
//     range −γ‖x − y‖₁ ∈ [−708, 0] and up to +709: relative error ≤ 1e-14 (the bound the issue
//     sets); subnormal results absolutely accurate; 0 and +inf at the ends;
//   - l1_distance_tile against a direct double loop (std::abs, one running sum in long double)
//     for every tile shape around the micro-tile and lane sizes: relative error ≤ 1e-14.
#include "hykal/kernels/l1_distance_tile.hpp"
#include "hykal/kernels/vector_exp.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace hykal::kernels;

TEST_CASE("vectorised exp is within 1e-14 of std::exp over the kernel's argument range", "[kernels][simd]") {
  std::vector<double> x;
  std::mt19937_64 generator(20261201u);
  std::uniform_real_distribution<double> argument(-708.0, 709.0);
  for (int i = 0; i < 200000; ++i) x.push_back(argument(generator));
  for (int i = 0; i <= 20000; ++i) x.push_back(-1e-4 * i);  // kernel values near 1 (close frames)
  for (double end : {0.0, -0.0, -708.0, 709.0, -0.5 * std::log(2.0), 0.5 * std::log(2.0), -1e-300}) x.push_back(end);
  std::vector<double> e = x;
  exp_in_place(e.data(), e.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::abs(e[i] - std::exp(x[i])) / std::exp(x[i]));
  INFO("worst relative error " << worst);
  CHECK(worst <= 1e-14);
  CHECK(e[200000] == 1.0);  // x = 0, the first of the near-1 run: e^0 exactly
}

TEST_CASE("vectorised exp underflows and overflows as std::exp does", "[kernels][simd]") {
  std::vector<double> x{-720.0, -740.0, -745.0, -745.2, -800.0, -1e6, 709.9, 1e6};
  std::vector<double> e = x;
  exp_in_place(e.data(), e.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    INFO("x = " << x[i]);
    if (std::isinf(std::exp(x[i]))) CHECK(std::isinf(e[i]));
    else CHECK(std::abs(e[i] - std::exp(x[i])) <= 1e-322);
  }
}

TEST_CASE("blocked L1 distance tile equals the direct loop for every shape", "[kernels][simd]") {
  std::mt19937_64 generator(7u);
  std::uniform_real_distribution<double> value(-3.0, 40.0);
  for (int p : {1, 7, 8, 13, 64, 101, 216}) {
    for (int rows_a : {1, 3, 4, 5, 9}) {
      for (int rows_b : {1, 2, 5, 8, 11, 700}) {
        std::vector<double> a(static_cast<std::size_t>(rows_a) * p), b(static_cast<std::size_t>(rows_b) * p);
        for (double& v : a) v = value(generator);
        for (double& v : b) v = value(generator);
        std::vector<double> tile(static_cast<std::size_t>(rows_a) * rows_b);
        l1_distance_tile(a.data(), rows_a, b.data(), rows_b, p, -0.5, tile.data());
        double worst = 0.0;
        for (int i = 0; i < rows_a; ++i) {
          for (int j = 0; j < rows_b; ++j) {
            long double direct = 0.0L;
            for (int k = 0; k < p; ++k) direct += std::abs(static_cast<long double>(a[static_cast<std::size_t>(i) * p + k]) -
                                                           b[static_cast<std::size_t>(j) * p + k]);
            const double expected = -0.5 * static_cast<double>(direct);
            worst = std::max(worst, std::abs(tile[static_cast<std::size_t>(i) * rows_b + j] - expected) / std::abs(expected));
          }
        }
        INFO("p = " << p << ", tile " << rows_a << " x " << rows_b << ", worst relative error " << worst);
        CHECK(worst <= 1e-14);
      }
    }
  }
}
