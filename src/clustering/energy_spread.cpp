#include "hykal/clustering/energy_spread.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hykal::clustering {

EnergySpread energy_spread(const std::vector<int>& labels, const std::vector<double>& energy_per_atom,
                           int n_clusters) {
  if (labels.size() != energy_per_atom.size())
    throw InputError("energy spread: " + std::to_string(labels.size()) + " labels but " +
                     std::to_string(energy_per_atom.size()) + " energies");
  const auto clusters = static_cast<std::size_t>(n_clusters);
  std::vector<long long> count(clusters, 0);
  std::vector<double> sum(clusters, 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= n_clusters)
      throw InputError("energy spread: frame " + std::to_string(i) + ": label " + std::to_string(labels[i]) +
                       " outside 0 … " + std::to_string(n_clusters - 1));
    ++count[static_cast<std::size_t>(labels[i])];
    sum[static_cast<std::size_t>(labels[i])] += energy_per_atom[i];
  }
  // Two passes (mean, then squared deviations) keep σ accurate when the energies share a large
  // offset, as total energies per atom do.
  std::vector<double> squares(clusters, 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto s = static_cast<std::size_t>(labels[i]);
    const double deviation = energy_per_atom[i] - sum[s] / static_cast<double>(count[s]);
    squares[s] += deviation * deviation;
  }
  constexpr double mev_per_ev = 1000.0;
  EnergySpread spread;
  spread.sigma.assign(clusters, std::numeric_limits<double>::quiet_NaN());
  double total = 0.0;
  int populated = 0;
  for (std::size_t s = 0; s < clusters; ++s) {
    if (count[s] == 0) continue;
    spread.sigma[s] = mev_per_ev * std::sqrt(squares[s] / static_cast<double>(count[s]));
    total += spread.sigma[s];
    spread.max = std::max(spread.max, spread.sigma[s]);
    ++populated;
  }
  spread.mean = populated > 0 ? total / populated : 0.0;
  return spread;
}

}  // namespace hykal::clustering
