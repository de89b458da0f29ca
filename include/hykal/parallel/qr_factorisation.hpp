#pragma once
// Householder QR of a distributed m × n matrix (m ≥ n) with ScaLAPACK pdgeqrf, owning the
// factored matrix and the reflector scales; linear least squares min ‖A x − b‖ then follows
// from Qᵀb (pdormqr) and R x = (Qᵀb)[0, n) (pdtrtrs). This is how the sparse GP of METHOD.md §7
// is solved: the normal equations would square the condition number.
#include "hykal/parallel/distributed_matrix.hpp"

#include <Eigen/Core>

#include <vector>

namespace hykal::parallel {

class QrFactorisation {
 public:
  // Collective over a.grid(); the grid must outlive the factorisation.
  explicit QrFactorisation(DistributedMatrix a);

  // Collective: |R_ii| for i < n, the same on every rank (to judge the rank of A).
  Eigen::VectorXd r_diagonal_magnitudes() const;

  // Collective: the least-squares solution x (length n, on every rank) for the right-hand side
  // b (m × 1, blocked like A's rows); b is overwritten by Qᵀb. Throws InternalError if R has an
  // exactly zero diagonal element (callers check r_diagonal_magnitudes() first).
  Eigen::VectorXd solve(DistributedMatrix& b) const;

 private:
  DistributedMatrix factors_;  // R on and above the diagonal, the reflectors below
  std::vector<double> tau_;
};

}  // namespace hykal::parallel
