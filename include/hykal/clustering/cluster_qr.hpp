#pragma once
// Label assignment by column-pivoted QR of the spectral embedding (METHOD.md §3; Damle, Minden,
// Ying, "Simple, direct and efficient multi-way spectral clustering", Inf. Inference 8, 2019),
// as scikit-learn 1.2.1's `sklearn.cluster._spectral.cluster_qr` does it:
//   1. column-pivoted QR of Vᵀ (k × N); the first k pivots name k representative frames,
//   2. polar factor Q = U Wᵀ of the k × k block Vᵀ[:, pivots] (from its SVD U Σ Wᵀ),
//   3. label(i) = argmax_j |(V Q)_{ij}| (the first index on ties, as numpy's argmax).
// The QR is LAPACK's dgeqp3, the routine scipy.linalg.qr(pivoting=True) calls, so that the
// pivot choice (and hence the labels) is the same as the reference's when two columns have
// nearly equal norms; Eigen's ColPivHouseholderQR uses a different norm-downdating rule.
// Deterministic: no random numbers.
#include <Eigen/Dense>

#include <vector>

namespace hykal::clustering {

// embedding: N × k (one row per frame), k ≥ 1, N ≥ k. Returns N labels in 0 … k−1.
std::vector<int> cluster_qr(const Eigen::MatrixXd& embedding);

}  // namespace hykal::clustering
