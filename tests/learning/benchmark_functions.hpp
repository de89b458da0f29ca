#pragma once
// Standard test functions of global optimisation with their published minima (Dixon & Szegő
// 1978; values as tabulated in Surjanovic & Bingham's Virtual Library of Simulation Experiments).
#include "hykal/learning/search_space.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace hykal::test {

struct BenchmarkFunction {
  std::string name;
  learning::SearchSpace space;
  std::function<double(const std::vector<double>&)> value;
  double minimum;
};

// Branin–Hoo on [−5, 10] × [0, 15]: three global minima of 0.397887.
inline BenchmarkFunction branin() {
  const double pi = 3.14159265358979323846;
  auto f = [pi](const std::vector<double>& x) {
    const double b = 5.1 / (4.0 * pi * pi), c = 5.0 / pi, t = 1.0 / (8.0 * pi);
    const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6.0;
    return u * u + 10.0 * (1.0 - t) * std::cos(x[0]) + 10.0;
  };
  return {"Branin", learning::SearchSpace({{"x1", -5.0, 10.0}, {"x2", 0.0, 15.0}}), f, 0.397887};
}

// Hartmann-6 on [0, 1]^6: global minimum −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332,
// 0.311652, 0.6573).
inline BenchmarkFunction hartmann6() {
  auto f = [](const std::vector<double>& x) {
    static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    static const double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                   {0.05, 10, 17, 0.1, 8, 14},
                                   {3, 3.5, 1.7, 10, 17, 8},
                                   {17, 8, 0.05, 10, 0.1, 14}};
    static const double p[4][6] = {{1312, 1696, 5569, 124, 8283, 5886},
                                   {2329, 4135, 8307, 3736, 1004, 9991},
                                   {2348, 1451, 3522, 2883, 3047, 6650},
                                   {4047, 8828, 8732, 5743, 1091, 381}};
    double sum = 0.0;
    for (int i = 0; i < 4; ++i) {
      double exponent = 0.0;
      for (int j = 0; j < 6; ++j) exponent += a[i][j] * (x[j] - 1e-4 * p[i][j]) * (x[j] - 1e-4 * p[i][j]);
      sum -= alpha[i] * std::exp(-exponent);
    }
    return sum;
  };
  std::vector<learning::Parameter> box;
  for (int j = 1; j <= 6; ++j) box.push_back({"x" + std::to_string(j), 0.0, 1.0});
  return {"Hartmann-6", learning::SearchSpace(box), f, -3.32237};
}

}  // namespace hykal::test
