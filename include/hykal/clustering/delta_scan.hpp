#pragma once
// Choosing δ (METHOD.md §4): for each δ of the scan, cluster the hybrid kernel
// K_H(δ) = (1 − δ) K̃_SOAP + δ K̃_CM with an automatic N_c, measure the energy spread ⟨σ⟩_E of
// the clusters, and choose the δ with the lowest ⟨σ⟩_E (the first one on ties).
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

// The index of the δ with the lowest ⟨σ⟩_E, the first one on ties. A NaN ⟨σ⟩_E is never chosen
// over a number (the reference's argmin returns the NaN's δ, a defect: METHOD.md §4); if every
// one is NaN, the first δ. Local.
std::size_t lowest_energy_spread(const std::vector<DeltaResult>& results);

// Collective over the kernels' grid. energy_per_atom: eV/atom of every clustered frame, in
// kernel row order, replicated. on_result is called on every rank after each δ (progress).
DeltaScan scan_deltas(const parallel::DistributedMatrix& soap_kernel, const parallel::DistributedMatrix& coulomb_kernel,
                      const std::vector<double>& deltas, const std::vector<double>& energy_per_atom,
                      const SpectralClusteringOptions& options,
                      const std::function<void(const DeltaResult&)>& on_result);

}  // namespace hykal::clustering
