#include "hykal/clustering/adjusted_rand_index.hpp"

#include "hykal/error.hpp"

#include <map>
#include <utility>

namespace hykal::clustering {
namespace {

// Σ over the values of n(n−1)/2: the number of item pairs that share a label.
template <class Key>
double same_label_pairs(const std::map<Key, long long>& counts) {
  double pairs = 0.0;
  for (const auto& entry : counts) pairs += 0.5 * static_cast<double>(entry.second) * static_cast<double>(entry.second - 1);
  return pairs;
}

}  // namespace

double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b) {
  HYKAL_ASSERT(a.size() == b.size(), "adjusted Rand index of labellings of different lengths");
  std::map<int, long long> count_a;
  std::map<int, long long> count_b;
  std::map<std::pair<int, int>, long long> count_ab;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ++count_a[a[i]];
    ++count_b[b[i]];
    ++count_ab[{a[i], b[i]}];
  }
  const double n = static_cast<double>(a.size());
  const double all_pairs = 0.5 * n * (n - 1.0);
  const double both = same_label_pairs(count_ab);       // same in a and in b
  const double only_a = same_label_pairs(count_a) - both;  // same in a, split in b
  const double only_b = same_label_pairs(count_b) - both;
  const double neither = all_pairs - both - only_a - only_b;
  if (only_a == 0.0 && only_b == 0.0) return 1.0;
  // scikit-learn's form: 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), with the
  // pair counts of pair_confusion_matrix (there each pair is counted twice; the factor cancels).
  return 2.0 * (both * neither - only_a * only_b) /
         ((both + only_b) * (only_b + neither) + (both + only_a) * (only_a + neither));
}

}  // namespace hykal::clustering
