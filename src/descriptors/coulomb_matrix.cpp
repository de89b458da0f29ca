#include "hykal/descriptors/coulomb_matrix.hpp"

#include "hykal/error.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace hykal::descriptors {
namespace {

Eigen::MatrixXd unsorted_matrix(const io::Frame& frame) {
  const Eigen::Index n = static_cast<Eigen::Index>(frame.n_atoms());
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double zi = frame.atomic_numbers[i];
    m(i, i) = 0.5 * std::pow(zi, 2.4);
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double value =
          zi * frame.atomic_numbers[j] / (frame.positions.row(i) - frame.positions.row(j)).norm();
      m(i, j) = value;
      m(j, i) = value;
    }
  }
  return m;
}

}  // namespace

CoulombPermutation parse_coulomb_permutation(const std::string& name) {
  if (name == "none") return CoulombPermutation::none;
  if (name == "sorted_l2") return CoulombPermutation::sorted_l2;
  if (name == "eigenspectrum") return CoulombPermutation::eigenspectrum;
  throw SettingError("permutation", "unknown value '" + name +
                                          "' (none, sorted_l2 or eigenspectrum)");
}

CoulombMatrix::CoulombMatrix(const CoulombSettings& settings) : settings_(settings) {
  if (settings_.n_atoms_max < 1)
    throw SettingError("n_atoms_max", "must be at least 1, got " +
                                          std::to_string(settings_.n_atoms_max));
}

int CoulombMatrix::feature_count() const {
  return settings_.permutation == CoulombPermutation::eigenspectrum
             ? settings_.n_atoms_max
             : settings_.n_atoms_max * settings_.n_atoms_max;
}

Eigen::MatrixXd CoulombMatrix::matrix(const io::Frame& frame) const {
  if (static_cast<int>(frame.n_atoms()) > settings_.n_atoms_max)
    throw InputError(frame.source_file + ": frame " + std::to_string(frame.source_index) + ": " +
                     std::to_string(frame.n_atoms()) + " atoms exceed the Coulomb matrix size n_atoms_max = " +
                     std::to_string(settings_.n_atoms_max));
  Eigen::MatrixXd m = unsorted_matrix(frame);
  if (settings_.permutation != CoulombPermutation::sorted_l2) return m;
  const Eigen::VectorXd norms = m.rowwise().norm();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m.rows()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return norms[a] > norms[b]; });
  Eigen::MatrixXd sorted(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) sorted(i, j) = m(order[i], order[j]);
  return sorted;
}

Eigen::VectorXd CoulombMatrix::compute(const io::Frame& frame) const {
  const Eigen::MatrixXd m = matrix(frame);
  const Eigen::Index n = m.rows(), n_max = settings_.n_atoms_max;
  Eigen::VectorXd out = Eigen::VectorXd::Zero(feature_count());
  if (n == 0) return out;
  if (settings_.permutation == CoulombPermutation::eigenspectrum) {
    Eigen::VectorXd lambda = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m, Eigen::EigenvaluesOnly).eigenvalues();
    std::vector<double> values(lambda.data(), lambda.data() + n);
    std::stable_sort(values.begin(), values.end(),
                     [](double a, double b) { return std::abs(a) > std::abs(b); });
    for (Eigen::Index i = 0; i < n; ++i) out[i] = values[static_cast<std::size_t>(i)];
    return out;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) out[i * n_max + j] = m(i, j);
  return out;
}

}  // namespace hykal::descriptors
