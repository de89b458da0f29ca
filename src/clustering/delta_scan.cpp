#include "hykal/clustering/delta_scan.hpp"

#include "hykal/clustering/spectral_embedding.hpp"
#include "hykal/error.hpp"
#include "hykal/kernels/hybrid_kernel.hpp"

#include <cmath>
#include <cstdlib>

namespace hykal::clustering {

std::vector<double> delta_values(const std::string& delta_option, double step) {
  if (delta_option != "scan") {
    char* end = nullptr;
    const double delta = std::strtod(delta_option.c_str(), &end);
    if (delta_option.empty() || end != delta_option.c_str() + delta_option.size() || !(delta >= 0.0 && delta <= 1.0))
      throw SettingError("delta", "'" + delta_option + "' is neither scan nor a number in [0, 1]");
    return {delta};
  }
  if (!(step > 0.0 && step <= 1.0))
    throw SettingError("delta step", std::to_string(step) + " is not in (0, 1]");
  // Integer multiples of the step, so that 0.1·3 is written and compared as 0.3, and 1 is included.
  const int steps = static_cast<int>(std::floor(1.0 / step + 1e-9));
  std::vector<double> deltas;
  for (int i = 0; i <= steps; ++i) deltas.push_back(std::round(i * step * 1e12) / 1e12);
  if (deltas.back() < 1.0 - 1e-9) deltas.push_back(1.0);
  return deltas;
}

std::size_t lowest_energy_spread(const std::vector<DeltaResult>& results) {
  std::size_t chosen = 0;
  for (std::size_t i = 1; i < results.size(); ++i) {
    const double candidate = results[i].spread.mean, best = results[chosen].spread.mean;
    if (candidate < best || (std::isnan(best) && !std::isnan(candidate))) chosen = i;
  }
  return chosen;
}

DeltaScan scan_deltas(const parallel::DistributedMatrix& soap_kernel, const parallel::DistributedMatrix& coulomb_kernel,
                      const std::vector<double>& deltas, const std::vector<double>& energy_per_atom,
                      const SpectralClusteringOptions& options,
                      const std::function<void(const DeltaResult&)>& on_result) {
  DeltaScan scan;
  const int largest = effective_max_clusters(options, soap_kernel.rows());
  for (double delta : deltas) {
    DeltaResult result;
    result.delta = delta;
    {
      // Memory (issue 10): beside the two kernels, the affinity becomes the Laplacian the
      // eigensolver consumes (+ its eigenvector matrix), and the distance is formed afterwards
      // in a matrix of its own: at most four N × N matrices at a time.
      const SpectralEmbedding embedding = spectral_embedding(kernels::hybrid_kernel(soap_kernel, coulomb_kernel, delta),
                                                             largest, options.eigensolver);
      const parallel::DistributedMatrix distance =
          kernels::kernel_distance(kernels::hybrid_kernel(soap_kernel, coulomb_kernel, delta));
      result.clustering = cluster_with_automatic_count(embedding, distance, options);
    }
    result.spread = energy_spread(result.clustering.labels, energy_per_atom, result.clustering.n_clusters);
    on_result(result);
    scan.results.push_back(std::move(result));
  }
  scan.chosen = lowest_energy_spread(scan.results);
  return scan;
}

}  // namespace hykal::clustering
