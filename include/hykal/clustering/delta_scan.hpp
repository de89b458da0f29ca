#pragma once
// Choosing δ (METHOD.md §4): for each δ of the scan, cluster the hybrid kernel
// K_H(δ) = (1 − δ) K̃_SOAP + δ K̃_CM with an automatic N_c, measure the energy spread ⟨σ⟩_E of
// the clusters, and choose the δ with the lowest ⟨σ⟩_E (the first one on ties).
// Only δ whose N_c met d_tol are eligible, unless none did: a δ that ran into max_clusters has no
// natural number of clusters, and its many small clusters have a small ⟨σ⟩_E for that reason
// alone (one-frame clusters have σ = 0), so it would win the comparison without deserving it.
#include "hykal/clustering/energy_spread.hpp"
#include "hykal/clustering/spectral_clustering.hpp"
#include "hykal/parallel/distributed_matrix.hpp"

#include <functional>
#include <vector>

namespace hykal::clustering {

struct DeltaResult {
  double delta = 0.0;
  SpectralClusteringResult clustering;
  EnergySpread spread;  // meV/atom
};

struct DeltaScan {
  std::vector<DeltaResult> results;  // ascending δ
  std::size_t chosen = 0;            // index into results
};

// The δ values of a δ setting: "scan" → 0, step, 2·step, …, 1; a number in
// [0, 1] → that δ alone. SettingError ("delta", "delta step") for δ outside [0, 1] or a step
// outside (0, 1].
std::vector<double> delta_values(const std::string& delta_option, double step);

// Whether each δ may be chosen: those whose N_c met d_tol, or every δ if none did. Local.
std::vector<bool> eligible_deltas(const std::vector<DeltaResult>& results);

// The index of the eligible δ with the lowest ⟨σ⟩_E, the first one on ties. A NaN ⟨σ⟩_E is
// never chosen over a number (the reference's argmin returns the NaN's δ, a defect: METHOD.md
// §4); if every eligible one is NaN, the first eligible δ. Local.
std::size_t lowest_energy_spread(const std::vector<DeltaResult>& results);

// Collective over the kernels' grid. energy_per_atom: eV/atom of every clustered frame, in
// kernel row order, replicated. on_result is called on every rank after each δ (progress).
DeltaScan scan_deltas(const parallel::DistributedMatrix& soap_kernel, const parallel::DistributedMatrix& coulomb_kernel,
                      const std::vector<double>& deltas, const std::vector<double>& energy_per_atom,
                      const SpectralClusteringOptions& options,
                      const std::function<void(const DeltaResult&)>& on_result);

}  // namespace hykal::clustering
