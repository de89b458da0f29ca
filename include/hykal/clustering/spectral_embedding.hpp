#pragma once
// Spectral embedding of a distributed affinity matrix, as scikit-learn 1.2.1's
// spectral_embedding(norm_laplacian=True, drop_first=False) computes it for SpectralClustering
// (METHOD.md §3):
//   1. the diagonal of W is ignored (set to 0), degrees d_i = Σ_j W_ij; an isolated frame
//      (d_i = 0) gets √d_i := 1, as scipy's csgraph.laplacian does;
//   2. normalised Laplacian L = I − D^{-1/2} W D^{-1/2} with its diagonal set to 1 (scikit-learn
//      sets it to 1 for every node, isolated ones included);
//   3. the k eigenvectors of L with the smallest eigenvalues (scikit-learn asks ARPACK for the
//      largest of −L, shift-invert at 1: the same vectors), columns in ascending eigenvalue order;
//   4. each row divided by √d_i;
//   5. each column multiplied by the sign of its largest-magnitude entry (the first one on ties),
//      scikit-learn's _deterministic_vector_sign_flip.
// Only the N × k eigenvector block is replicated on every rank; W and L stay distributed.
#include "hykal/parallel/distributed_matrix.hpp"
#include "hykal/parallel/eigensolver.hpp"

#include <Eigen/Dense>

#include <vector>

namespace hykal::clustering {

struct SpectralEmbedding {
  Eigen::MatrixXd vectors;           // N × k, the same on every rank
  std::vector<double> eigenvalues;   // the k smallest eigenvalues of L, ascending
};

// Collective over affinity.grid(). affinity: N × N, symmetric, square blocks; 1 ≤ k ≤ N.
// A non-finite affinity element or a negative degree is an InputError (the same on every rank).
// The Laplacian is formed in the affinity's storage (std::move it in: no second N × N matrix).
SpectralEmbedding spectral_embedding(parallel::DistributedMatrix affinity, int k, parallel::EigensolverKind solver);

// Step 5 alone, on a replicated matrix (exposed for tests).
void flip_signs_deterministically(Eigen::MatrixXd& vectors);

}  // namespace hykal::clustering
