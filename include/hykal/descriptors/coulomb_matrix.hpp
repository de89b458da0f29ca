#pragma once
// The Coulomb matrix as DScribe computes it (CONVENTIONS.md §6; METHOD.md §2):
// M_ii = 0.5 Z_i^2.4, M_ij = Z_i Z_j / |r_i - r_j| with plain Cartesian distances of the
// positions as given (no periodic images, even for periodic frames), zero-padded to
// n_atoms_max × n_atoms_max and flattened row-major.
#include "hykal/io/frame.hpp"

#include <Eigen/Core>

#include <string>

namespace hykal::descriptors {

// none: input order; sorted_l2: rows and columns by descending row 2-norm, ties in input order;
// eigenspectrum: the eigenvalues by descending |lambda|.
enum class CoulombPermutation { none, sorted_l2, eigenspectrum };

CoulombPermutation parse_coulomb_permutation(const std::string& name);  // SettingError if unknown

struct CoulombSettings {
  CoulombPermutation permutation = CoulombPermutation::none;
  int n_atoms_max = 0;  // must be >= the largest frame
};

class CoulombMatrix {
 public:
  // SettingError (n_atoms_max) if it is < 1.
  explicit CoulombMatrix(const CoulombSettings& settings);

  const CoulombSettings& settings() const { return settings_; }
  // n_atoms_max^2 (n_atoms_max for eigenspectrum).
  int feature_count() const;

  // The descriptor of one frame, feature_count() values. InputError naming the frame if it has
  // more than n_atoms_max atoms.
  Eigen::VectorXd compute(const io::Frame& frame) const;
  // The n_atoms × n_atoms matrix after the permutation (sorted_l2 or none), unpadded.
  Eigen::MatrixXd matrix(const io::Frame& frame) const;

 private:
  CoulombSettings settings_;
};

}  // namespace hykal::descriptors
