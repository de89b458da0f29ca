#pragma once
// The hybrid kernel and the distance of METHOD.md §2:
//   K_H(δ) = (1 − δ) K̃_SOAP + δ K̃_CM,   D = sqrt(max(0, 2 − 2 K_H)).
#include "hykal/parallel/distributed_matrix.hpp"

namespace hykal::kernels {

// Local (no communication). Both kernels normalised, on the same grid with the same shape and
// blocks (HYKAL_THROW otherwise); δ in [0, 1] (SettingError "delta" otherwise).
parallel::DistributedMatrix hybrid_kernel(const parallel::DistributedMatrix& soap,
                                          const parallel::DistributedMatrix& coulomb, double delta);

// Local. D = sqrt(max(0, 2 − 2 K)) elementwise (tiny negative arguments from rounding → 0), in
// the kernel's storage (pass a temporary or std::move it: no second N × N matrix).
parallel::DistributedMatrix kernel_distance(parallel::DistributedMatrix kernel);

}  // namespace hykal::kernels
