#pragma once
// Normalisation of a kernel matrix (METHOD.md §2): K̃(A, B) = K(A, B) / sqrt(K(A, A) K(B, B)),
// entries above 1 (rounding) clipped to 1, as DScribe's AverageKernel(normalize_kernel=True)
// followed by the authors' clipping.
#include "hykal/parallel/distributed_matrix.hpp"

#include <Eigen/Core>

namespace hykal::kernels {

// Collective: the diagonal of a square matrix, replicated on every rank.
Eigen::VectorXd replicated_diagonal(const parallel::DistributedMatrix& matrix);

// Collective. Normalises in place. A diagonal entry that is not finite and positive, or any
// non-finite entry, is an InputError naming the first such frame (global index), thrown on every
// rank; `what` names the kernel in the message ("SOAP kernel", "Coulomb kernel").
void normalise_kernel(parallel::DistributedMatrix& kernel, const char* what);

// Collective. Throws the same InputError on every rank if any element is NaN or ±Inf, naming
// the first offending frame (smallest global row index).
void check_finite(const parallel::DistributedMatrix& matrix, const char* what);

}  // namespace hykal::kernels
