#pragma once
// Energy spread of a clustering, the δ-scan criterion of METHOD.md §4: for each cluster s the
// population standard deviation σ_s of its members' energies per atom, then ⟨σ⟩_E = (1/N_c) Σ_s σ_s
// and max_s σ_s. Every member counts and a one-frame cluster has σ_s = 0 (the reference code
// drops the first member of every cluster after the first; METHOD.md §4 calls that a defect).
// Clusters without members (possible when a labelling uses fewer labels than N_c) have no σ
// and are left out of the mean.
#include <vector>

namespace hykal::clustering {

struct EnergySpread {
  std::vector<double> sigma;  // per cluster, meV/atom; NaN for a cluster without members
  double mean = 0.0;          // ⟨σ⟩_E over clusters with members, meV/atom
  double max = 0.0;           // max σ_s, meV/atom
};

// labels: cluster of each frame, 0 … n_clusters−1; energy_per_atom: E/N_atoms of each frame in
// eV/atom. Throws InputError on a label out of range or mismatched lengths.
EnergySpread energy_spread(const std::vector<int>& labels, const std::vector<double>& energy_per_atom,
                           int n_clusters);

}  // namespace hykal::clustering
