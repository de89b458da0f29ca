#pragma once
// Adjusted Rand index (Hubert & Arabie 1985) between two labellings of the same items: 1 for
// identical partitions (whatever the label names), ≈ 0 for independent ones. Computed from the
// pair confusion matrix as scikit-learn 1.2.1's adjusted_rand_score, including its convention
// that two partitions with no pair in disagreement score exactly 1 (e.g. both all-singletons).
#include <vector>

namespace hykal::clustering {

// Labels are any integers (negative ones included); both vectors must have the same length.
double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b);

}  // namespace hykal::clustering
