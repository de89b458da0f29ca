#pragma once
// The 2-D map of the configurations (METHOD.md §5): classical (Torgerson) multidimensional
// scaling of the distance matrix D, optionally refined by SMACOF stress minimisation.
//
// Classical MDS: B = −½ J D∘D J with J = I − 11ᵀ/N (double centring), map = the top two
// eigenvectors of B scaled by sqrt(eigenvalue). B is formed in place from the distributed D
// with row means only (D is symmetric), and only its two largest eigenpairs are computed.
// SMACOF (de Leeuw's majorisation, Guttman transform X ← B(X)X/N for unit weights) keeps the
// N × 2 map replicated on every rank; each iteration is one pass over the local part of D and
// one all-reduce of N × 2 numbers.
#include "hykal/parallel/distributed_matrix.hpp"
#include "hykal/parallel/eigensolver.hpp"

#include <Eigen/Core>

namespace hykal::clustering {

struct MdsMap {
  Eigen::MatrixXd coordinates;  // N × 2, replicated on every rank
  double stress = 0.0;          // Kruskal's stress-1: sqrt(Σ (D_ij − d_ij)² / Σ D_ij²), i < j
  int smacof_iterations = 0;
};

// Collective over distances.grid().
MdsMap classical_mds(const parallel::DistributedMatrix& distances, parallel::EigensolverKind solver);

// Collective: the classical map's coordinates alone (no stress), B formed in the storage of
// `distances` (std::move it in: during the eigensolve no N × N matrix but B and the
// eigensolver's own is held for the map).
Eigen::MatrixXd classical_mds_coordinates(parallel::DistributedMatrix distances, parallel::EigensolverKind solver);

// Collective. SMACOF from `start` until the relative decrease of the raw stress is below
// tolerance or max_iterations is reached.
MdsMap smacof_refine(const parallel::DistributedMatrix& distances, const MdsMap& start,
                     int max_iterations = 300, double tolerance = 1e-6);

// Collective: Kruskal's stress-1 of a replicated map against the distributed D.
double kruskal_stress(const parallel::DistributedMatrix& distances, const Eigen::MatrixXd& coordinates);

}  // namespace hykal::clustering
