// The choice of δ (METHOD.md §4) on constructed kernels whose clusterings are known: K_SOAP
// groups the frames as {0–3 | 4–7}, K_CM as {0, 1, 4, 5 | 2, 3, 6, 7}, with a larger contrast,
// so δ = 0 clusters by the first partition and δ ≥ 0.5 by the second. The reference ⟨σ⟩_E of
// each partition is the population standard deviation of the energies written below, computed
// here by hand (analytic case); the chosen δ must be the lowest, the first one on ties, and a
// NaN ⟨σ⟩_E never wins.
#include "distributed_fixture.hpp"
#include "hykal/clustering/adjusted_rand_index.hpp"
#include "hykal/clustering/delta_scan.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <limits>

using hykal::clustering::DeltaResult;
using hykal::clustering::scan_deltas;

namespace {

constexpr int n_frames = 8;
const std::vector<int> soap_partition = {0, 0, 0, 0, 1, 1, 1, 1};
const std::vector<int> coulomb_partition = {0, 0, 1, 1, 0, 0, 1, 1};

// within: kernel value of two frames in the same group; between: in different groups.
Eigen::MatrixXd block_kernel(const std::vector<int>& partition, double within, double between) {
  Eigen::MatrixXd k(n_frames, n_frames);
  for (int i = 0; i < n_frames; ++i)
    for (int j = 0; j < n_frames; ++j)
      k(i, j) = i == j ? 1.0 : partition[i] == partition[j] ? within : between;
  return k;
}

// ⟨σ⟩_E in meV/atom of a two-group partition: each group's energies are a ± b, so σ = b.
struct TwoGroups {
  std::vector<double> energy_per_atom;  // eV/atom
  double coulomb_spread;                // meV/atom, ⟨σ⟩_E of coulomb_partition
  double soap_spread;                   // meV/atom, ⟨σ⟩_E of soap_partition
};

// Frames 0, 1, 4, 5 at −10 ± 0.002 eV/atom, frames 2, 3, 6, 7 at −9.5 ± 0.004 eV/atom: the
// Coulomb partition has σ = 2 and 4 meV/atom (mean 3); each SOAP group holds two frames of
// each energy level: values −10 ± 0.002, −9.5 ± 0.004 with mean −9.75, σ² = (0.25² · 4 +
// 0.002² · 2 + 0.004² · 2) / 4, the same for both groups.
TwoGroups energies_tight_in_coulomb_partition() {
  const double a = -10.0, b = -9.5, da = 0.002, db = 0.004;
  TwoGroups groups;
  groups.energy_per_atom = {a - da, a + da, b - db, b + db, a + da, a - da, b + db, b - db};
  groups.coulomb_spread = 1000.0 * (da + db) / 2.0;
  groups.soap_spread = 1000.0 * std::sqrt((0.25 * 0.25 * 4 + da * da * 2 + db * db * 2) / 4.0);
  return groups;
}

hykal::clustering::SpectralClusteringOptions two_clusters() {
  hykal::clustering::SpectralClusteringOptions options;
  options.min_clusters = 2;
  options.max_clusters = 2;
  return options;
}

DeltaResult with_spread(double delta, double mean, bool tolerance_met = false) {
  DeltaResult result;
  result.delta = delta;
  result.spread.mean = mean;
  result.clustering.tolerance_met = tolerance_met;
  return result;
}

}  // namespace

TEST_CASE("δ scan on constructed kernels: the partitions and ⟨σ⟩_E of each δ, the lowest chosen", "[clustering][delta]") {
  const hykal::parallel::BlacsGrid grid(MPI_COMM_WORLD);
  const auto soap = hykal::test::distribute(grid, block_kernel(soap_partition, 0.9, 0.5));
  const auto coulomb = hykal::test::distribute(grid, block_kernel(coulomb_partition, 0.99, 0.01));
  const TwoGroups energies = energies_tight_in_coulomb_partition();
  REQUIRE(energies.coulomb_spread < energies.soap_spread);
  int progress_calls = 0;
  const auto count = [&](const DeltaResult&) { ++progress_calls; };

  SECTION("the minimum is the last δ") {
    const auto scan = scan_deltas(soap, coulomb, {0.0, 1.0}, energies.energy_per_atom, two_clusters(), count);
    REQUIRE(scan.results.size() == 2);
    CHECK(progress_calls == 2);
    CHECK(hykal::clustering::adjusted_rand_index(scan.results[0].clustering.labels, soap_partition) == 1.0);
    CHECK(hykal::clustering::adjusted_rand_index(scan.results[1].clustering.labels, coulomb_partition) == 1.0);
    CHECK(scan.results[0].spread.mean == Approx(energies.soap_spread).epsilon(1e-9));
    CHECK(scan.results[1].spread.mean == Approx(energies.coulomb_spread).epsilon(1e-9));
    CHECK(scan.chosen == 1);
  }
  SECTION("the minimum is the first δ when the energies follow the SOAP partition") {
    // Frames 2, 3 and 4, 5 swap energies: each SOAP group now holds one energy level.
    const std::vector<int> swap = {0, 1, 4, 5, 2, 3, 6, 7};
    std::vector<double> energy_per_atom;
    for (int i : swap) energy_per_atom.push_back(energies.energy_per_atom[static_cast<std::size_t>(i)]);
    const auto scan = scan_deltas(soap, coulomb, {0.0, 1.0}, energy_per_atom, two_clusters(), count);
    CHECK(scan.results[0].spread.mean == Approx(energies.coulomb_spread).epsilon(1e-9));
    CHECK(scan.results[1].spread.mean == Approx(energies.soap_spread).epsilon(1e-9));
    CHECK(scan.chosen == 0);
  }
  SECTION("a tie: δ = 0.5 and δ = 1 give the same partition and ⟨σ⟩_E; the first wins") {
    const auto scan = scan_deltas(soap, coulomb, {0.0, 0.5, 1.0}, energies.energy_per_atom, two_clusters(), count);
    REQUIRE(scan.results.size() == 3);
    CHECK(hykal::clustering::adjusted_rand_index(scan.results[1].clustering.labels, coulomb_partition) == 1.0);
    CHECK(scan.results[1].spread.mean == scan.results[2].spread.mean);  // two clusters: a + b == b + a exactly
    CHECK(scan.chosen == 1);
  }
}

TEST_CASE("the lowest ⟨σ⟩_E: first on ties, NaN never chosen over a number", "[clustering][delta]") {
  using hykal::clustering::lowest_energy_spread;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(lowest_energy_spread({with_spread(0.0, 5.0), with_spread(0.1, 3.0), with_spread(0.2, 4.0)}) == 1);
  CHECK(lowest_energy_spread({with_spread(0.0, 5.0), with_spread(0.1, 3.0), with_spread(0.2, 3.0)}) == 1);
  CHECK(lowest_energy_spread({with_spread(0.0, nan), with_spread(0.1, 3.0), with_spread(0.2, 4.0)}) == 1);
  CHECK(lowest_energy_spread({with_spread(0.0, 5.0), with_spread(0.1, nan), with_spread(0.2, 4.0)}) == 2);
  CHECK(lowest_energy_spread({with_spread(0.0, nan), with_spread(0.1, nan)}) == 0);
  CHECK(lowest_energy_spread({with_spread(0.0, 2.0)}) == 0);
}

TEST_CASE("a δ whose N_c reached max_clusters without meeting d_tol is chosen only if no δ met it", "[clustering][delta]") {
  using hykal::clustering::eligible_deltas;
  using hykal::clustering::lowest_energy_spread;
  // δ = 0.1 has the lowest ⟨σ⟩_E but ran into max_clusters: the lowest among the others wins.
  const std::vector<DeltaResult> mixed = {with_spread(0.0, 5.0, true), with_spread(0.1, 1.0, false),
                                          with_spread(0.2, 4.0, true)};
  CHECK(eligible_deltas(mixed) == std::vector<bool>{true, false, true});
  CHECK(lowest_energy_spread(mixed) == 2);
  // The first eligible δ stands even when an ineligible one before it is lower.
  CHECK(lowest_energy_spread({with_spread(0.0, 1.0, false), with_spread(0.1, 6.0, true)}) == 1);
  // None met d_tol: every δ is eligible, and the lowest ⟨σ⟩_E is chosen as before.
  const std::vector<DeltaResult> none = {with_spread(0.0, 5.0), with_spread(0.1, 1.0), with_spread(0.2, 4.0)};
  CHECK(eligible_deltas(none) == std::vector<bool>{true, true, true});
  CHECK(lowest_energy_spread(none) == 1);
}
