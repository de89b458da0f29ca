// The streamed, distributed average kernel against a direct serial double loop over all row pairs
// (METHOD.md §2: K(A,B) = (1/n_A n_B) Σ_ij k(x_i, y_j)) on random seeded per-atom data, on every
// grid shape, with several tile sizes and block sizes, and with uneven (and empty) rank blocks.
// The reference is computed independently here, on every rank, from the same seeded data.
#include "kernel_test_support.hpp"

#include "../parallel/grid_shapes.hpp"
#include "../parallel/world_halves.hpp"
#include "hykal/kernels/average_kernel.hpp"
#include "hykal/kernels/hybrid_kernel.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/error.hpp"
#include "hykal/kernels/kernel_normalisation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hykal;
using namespace hykal::kernels;

namespace {

struct SyntheticSet {
  std::vector<FeatureRows> frames;  // every frame, replicated on every rank
};

SyntheticSet random_set(int n_frames, int n_features, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int> atoms(1, 7);
  std::uniform_real_distribution<double> value(-0.5, 1.0);
  SyntheticSet set;
  for (int f = 0; f < n_frames; ++f) {
    FeatureRows rows(atoms(generator), n_features);
    for (Eigen::Index i = 0; i < rows.size(); ++i) rows.data()[i] = value(generator);
    set.frames.push_back(rows);
  }
  return set;
}

double pair_kernel(const PairwiseMetric& metric, const double* x, const double* y, int p) {
  if (metric.type == MetricType::laplacian) {
    double l1 = 0.0;
    for (int k = 0; k < p; ++k) l1 += std::abs(x[k] - y[k]);
    return std::exp(-metric.gamma * l1);
  }
  double dot = 0.0;
  for (int k = 0; k < p; ++k) dot += x[k] * y[k];
  return std::pow(metric.gamma * dot + metric.coef0, metric.degree);
}

Eigen::MatrixXd serial_reference(const SyntheticSet& set, const PairwiseMetric& metric) {
  const auto n = static_cast<Eigen::Index>(set.frames.size());
  Eigen::MatrixXd k(n, n);
  for (Eigen::Index a = 0; a < n; ++a) {
    for (Eigen::Index b = 0; b < n; ++b) {
      const auto& x = set.frames[static_cast<std::size_t>(a)];
      const auto& y = set.frames[static_cast<std::size_t>(b)];
      double sum = 0.0;
      for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < y.rows(); ++j)
          sum += pair_kernel(metric, x.row(i).data(), y.row(j).data(), static_cast<int>(x.cols()));
      k(a, b) = sum / static_cast<double>(x.rows() * y.rows());
    }
  }
  return k;
}

LocalFeatures my_block(const SyntheticSet& set, int rank, int size) {
  const auto [first, end] = test::uneven_block(static_cast<int>(set.frames.size()), rank, size);
  std::vector<FeatureRows> mine(set.frames.begin() + first, set.frames.begin() + end);
  return stack_frames(mine, first);
}

LocalFeatures my_block(const SyntheticSet& set) {
  const test::Ranks ranks;
  return my_block(set, ranks.rank, ranks.size);
}

}  // namespace

TEST_CASE("streamed average kernel equals the serial double loop", "[kernels]") {
  const SyntheticSet set = random_set(23, 13, 20261125u);
  const LocalFeatures features = my_block(set);
  for (const auto metric : {PairwiseMetric{MetricType::polynomial, 1.0 / 13.0, 4, 1.0},
                            PairwiseMetric{MetricType::polynomial, 0.3, 3, 0.5},
                            PairwiseMetric{MetricType::laplacian, 0.2, 1, 0.0}}) {
    const Eigen::MatrixXd reference = serial_reference(set, metric);
    for (const auto shape : test::grid_shapes()) {
      parallel::BlacsGrid grid(MPI_COMM_WORLD, shape);
      for (int tile_rows : {1, 9, 1000}) {
        for (int block : {4, 64}) {
          const auto kernel = average_kernel(features, metric, grid, {tile_rows, block});
          const Eigen::MatrixXd k = kernel.gather_to_all();
          INFO("grid " << shape.rows << "x" << shape.cols << " tile_rows " << tile_rows << " block " << block);
          CHECK((k - reference).cwiseAbs().maxCoeff() < 1e-12 * reference.cwiseAbs().maxCoeff());
          CHECK((k - k.transpose()).cwiseAbs().maxCoeff() == 0.0);
        }
      }
    }
  }
}

TEST_CASE("each half of a split world computes its own average kernel at the same time", "[kernels][split]") {
  const test::WorldHalf half;
  const SyntheticSet set = random_set(17 + 6 * half.half(), 11, 20261201u + static_cast<unsigned>(half.half()));
  const LocalFeatures features = my_block(set, half.rank(), half.size());
  const PairwiseMetric metric{MetricType::polynomial, 1.0 / 11.0, 4, 1.0};
  const Eigen::MatrixXd reference = serial_reference(set, metric);
  for (const auto shape : {parallel::near_square_shape(half.size()), parallel::GridShape{1, half.size()}}) {
    parallel::BlacsGrid grid(half.comm(), shape);
    const Eigen::MatrixXd k = average_kernel(features, metric, grid, {5, 4}).gather_to_all();
    INFO("half " << half.half() << ", grid " << shape.rows << "x" << shape.cols);
    CHECK((k - reference).cwiseAbs().maxCoeff() < 1e-12 * reference.cwiseAbs().maxCoeff());
  }
}

TEST_CASE("normalisation, hybrid and distance follow METHOD.md §2 elementwise", "[kernels]") {
  const SyntheticSet set = random_set(17, 5, 7u);
  const LocalFeatures features = my_block(set);
  const PairwiseMetric poly{MetricType::polynomial, 0.2, 4, 1.0};
  const PairwiseMetric lap{MetricType::laplacian, 0.5, 1, 0.0};
  const Eigen::MatrixXd ks = serial_reference(set, poly);
  const Eigen::MatrixXd kc = serial_reference(set, lap);
  parallel::BlacsGrid grid(MPI_COMM_WORLD);
  auto soap = average_kernel(features, poly, grid, {64, 4});
  auto coulomb = average_kernel(features, lap, grid, {64, 4});
  normalise_kernel(soap, "SOAP kernel");
  normalise_kernel(coulomb, "Coulomb kernel");
  const double delta = 0.3;
  const Eigen::MatrixXd kh = hybrid_kernel(soap, coulomb, delta).gather_to_all();
  const Eigen::MatrixXd d = kernel_distance(hybrid_kernel(soap, coulomb, delta)).gather_to_all();
  for (Eigen::Index i = 0; i < ks.rows(); ++i) {
    for (Eigen::Index j = 0; j < ks.cols(); ++j) {
      const double s = std::min(1.0, ks(i, j) / std::sqrt(ks(i, i) * ks(j, j)));
      const double c = std::min(1.0, kc(i, j) / std::sqrt(kc(i, i) * kc(j, j)));
      const double h = (1 - delta) * s + delta * c;
      CHECK(kh(i, j) == Approx(h).margin(1e-13));
      CHECK(kh(i, j) <= 1.0);
      if (i != j) CHECK(d(i, j) == Approx(std::sqrt(2 - 2 * h)).margin(1e-10));
    }
  }
  CHECK_THROWS_AS(hybrid_kernel(soap, coulomb, 1.5), hykal::InputError);
}

TEST_CASE("a NaN descriptor or a zero self-similarity is an input error naming the frame on every rank",
          "[kernels]") {
  SyntheticSet set = random_set(9, 4, 3u);
  set.frames[5](0, 2) = std::nan("");
  parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const PairwiseMetric poly{MetricType::polynomial, 0.25, 4, 1.0};
  CHECK_THROWS_WITH(average_kernel(my_block(set), poly, grid), Catch::Contains("frame 5"));

  set.frames[5].setZero();
  set.frames[6].setZero();
  const PairwiseMetric linear{MetricType::polynomial, 0.25, 1, 0.0};  // zero rows: K(A,A) = 0
  auto kernel = average_kernel(my_block(set), linear, grid);
  CHECK_THROWS_WITH(normalise_kernel(kernel, "SOAP kernel"), Catch::Contains("frame 5"));
}

TEST_CASE("kernel settings: unknown forms and invalid metric settings name the quantity", "[kernels]") {
  CHECK_THROWS_WITH(parse_soap_kernel_form("pairwise"), Catch::Contains("SOAP kernel form"));
  CHECK_THROWS_WITH(parse_coulomb_kernel_form("flat"), Catch::Contains("Coulomb kernel form"));
  CHECK(parse_soap_kernel_form("mean-descriptor") == SoapKernelForm::mean_descriptor);
  CHECK(parse_coulomb_kernel_form("global") == CoulombKernelForm::global);
  CHECK_THROWS_WITH(resolved({MetricType::polynomial, 0.0, 0, 1.0}, 10), Catch::StartsWith("degree:"));
  CHECK_THROWS_WITH(resolved({MetricType::laplacian, std::nan(""), 1, 0.0}, 10), Catch::StartsWith("gamma:"));
  CHECK_THROWS_WITH(resolved({MetricType::polynomial, 0.5, 4, -1.0}, 10), Catch::StartsWith("coef0:"));
  // 1e300^4 is beyond the largest double (1.8e308): the kernel would be inf, then NaN.
  CHECK_THROWS_WITH(resolved({MetricType::polynomial, 1e300, 4, 1.0}, 10), Catch::StartsWith("gamma:"));
  CHECK(resolved({MetricType::polynomial, 0.0, 4, 1.0}, 1224).gamma == 1.0 / 1224.0);
}

TEST_CASE("mean rows and Coulomb rows: the rows the average kernel sees", "[kernels]") {
  FeatureRows a(2, 3);
  a << 1, 2, 3, 3, 4, 5;
  FeatureRows b(1, 3);
  b << 7, 8, 9;
  const LocalFeatures stacked = stack_frames({a, b}, 5);
  CHECK(stacked.n_frames() == 2);
  CHECK(stacked.rows_of(0) == 2);
  const LocalFeatures means = mean_rows(stacked);
  CHECK(means.first_frame == 5);
  CHECK(means.rows(0, 0) == 2.0);
  CHECK(means.rows(0, 2) == 4.0);
  CHECK(means.rows(1, 1) == 8.0);
  Eigen::VectorXd flat(4);
  flat << 1, 2, 3, 4;  // 2 × 2 row-major
  const LocalFeatures rows = coulomb_rows({flat}, 2, 0);
  CHECK(rows.rows_of(0) == 2);
  CHECK(rows.rows(1, 0) == 3.0);
}
