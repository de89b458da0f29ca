#pragma once
// Reading the scikit-learn 1.2.1 reference cases of /work/shared/fixtures/sklearn (README.md
// there): affinity K, distance D, spectral embeddings and labels for k = 2 … 15.
#include "hykal/io/hdf5.hpp"
#include "test_paths.hpp"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hykal::test {

// The four cases of the fixture README.
inline const std::vector<std::string>& sklearn_cases() {
  static const std::vector<std::string> cases{"blobs3_rbf", "blobs4_unequal_rbf", "pipeline30_brief_delta0.5",
                                              "pipeline30_mkcamlip_delta0.5"};
  return cases;
}

inline std::string sklearn_case_file(const std::string& name) { return fixture("sklearn/" + name + ".h5"); }

// A 2-D dataset as an Eigen matrix (h5py stores row-major).
inline Eigen::MatrixXd read_matrix(const std::string& file, const std::string& dataset) {
  const auto handle = io::hdf5::open_read_only(file);
  const auto array = io::hdf5::read_doubles(handle, dataset);
  const auto rows = static_cast<Eigen::Index>(array.shape.at(0));
  const auto cols = array.shape.size() > 1 ? static_cast<Eigen::Index>(array.shape[1]) : Eigen::Index{1};
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      array.values.data(), rows, cols);
}

inline std::vector<int> read_labels(const std::string& file, const std::string& dataset) {
  const auto handle = io::hdf5::open_read_only(file);
  const auto values = io::hdf5::read_integers(handle, dataset);
  return std::vector<int>(values.begin(), values.end());
}

}  // namespace hykal::test
