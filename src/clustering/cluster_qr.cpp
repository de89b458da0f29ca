#include "hykal/clustering/cluster_qr.hpp"

#include "hykal/error.hpp"

#include <string>

extern "C" void dgeqp3_(const int* m, const int* n, double* a, const int* lda, int* jpvt,
                        double* tau, double* work, const int* lwork, int* info);

namespace hykal::clustering {
namespace {

// The first `count` column pivots (0-based) of the column-pivoted QR of `matrix` (dgeqp3, every
// column free to move, as scipy.linalg.qr(pivoting=True)).
std::vector<int> leading_column_pivots(Eigen::MatrixXd matrix, int count) {
  const int m = static_cast<int>(matrix.rows());
  const int n = static_cast<int>(matrix.cols());
  std::vector<int> pivots(static_cast<std::size_t>(n), 0);
  std::vector<double> tau(static_cast<std::size_t>(std::min(m, n)));
  int info = 0;
  int query = -1;
  double optimal = 0.0;
  dgeqp3_(&m, &n, matrix.data(), &m, pivots.data(), tau.data(), &optimal, &query, &info);
  if (info != 0) HYKAL_THROW("dgeqp3 workspace query failed, info = " + std::to_string(info));
  const int lwork = static_cast<int>(optimal);
  std::vector<double> work(static_cast<std::size_t>(lwork));
  dgeqp3_(&m, &n, matrix.data(), &m, pivots.data(), tau.data(), work.data(), &lwork, &info);
  if (info != 0) HYKAL_THROW("dgeqp3 failed, info = " + std::to_string(info));
  std::vector<int> leading(pivots.begin(), pivots.begin() + count);
  for (int& p : leading) --p;  // Fortran indices start at 1
  return leading;
}

}  // namespace

std::vector<int> cluster_qr(const Eigen::MatrixXd& embedding) {
  const Eigen::Index n = embedding.rows();
  const Eigen::Index k = embedding.cols();
  HYKAL_ASSERT(k >= 1 && n >= k, "cluster_qr needs an N x k embedding with N >= k >= 1");

  const std::vector<int> pivots = leading_column_pivots(embedding.transpose(), static_cast<int>(k));
  Eigen::MatrixXd block(k, k);  // Vᵀ restricted to the pivot frames
  for (Eigen::Index j = 0; j < k; ++j) block.col(j) = embedding.row(pivots[static_cast<std::size_t>(j)]).transpose();

  // The polar factor is unique when the block is non-singular, so the SVD algorithm does not
  // change it (scipy uses dgesdd, Eigen's Jacobi SVD gives the same U Wᵀ to rounding).
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(block, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::MatrixXd rotated = (embedding * (svd.matrixU() * svd.matrixV().transpose())).cwiseAbs();

  std::vector<int> labels(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < k; ++j)
      if (rotated(i, j) > rotated(i, best)) best = j;  // first maximum wins, as numpy's argmax
    labels[static_cast<std::size_t>(i)] = static_cast<int>(best);
  }
  return labels;
}

}  // namespace hykal::clustering
