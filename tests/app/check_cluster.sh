#!/usr/bin/env bash
# `hykal cluster` end to end on a 50-frame subset of the bundled example (every 4th frame, all
# five temperature plateaus): the same N_c, labels (up to renaming) and chosen δ at 1, 2 and 4
# ranks and with ELPA and ScaLAPACK; the chosen δ is the lowest ⟨σ⟩_E recomputed (numpy) from the
# stored labels and energies; every INTERFACE.md path and every figure is written, no
# temporary file is left; wrong clustering options give one clear message and a non-zero exit.
# Usage: check_cluster.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
source_dir=$3

source "$(dirname "$0")/example_subset.sh"
example_subset "$source_dir" 4 "$work/subset.xyz"
lines=$(example_frame_lines "$source_dir")
settings=(--data.label_keys=temperature --soap.n_max=4 --soap.l_max=3
          --soap.r_cut=5.0 --clustering.delta_step=0.25 --clustering.max_clusters=20)

run() {  # name, ranks, extra options...
  local name=$1 ranks=$2
  shift 2
  if ! timeout 900 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" cluster "${settings[@]}" --data.files="$work/subset.xyz" \
       --output.results="$work/$name.h5" --output.figures="$work/$name-figures" "$@" > "$work/$name.log" 2>&1; then
    echo "FAIL: $name: hykal cluster exited non-zero"; tail -30 "$work/$name.log"
    failures=$((failures + 1))
  fi
}

run elpa1 1 --parallel.eigensolver=elpa
run elpa2 2 --parallel.eigensolver=elpa --parallel.block_size=8
run elpa4 4 --parallel.eigensolver=elpa --parallel.block_size=8
run scalapack2 2 --parallel.eigensolver=scalapack --parallel.block_size=16
run scalapack4 4 --parallel.eigensolver=scalapack --parallel.grid=1x4 --parallel.block_size=8
# `hykal kernels` alone writes the same kernels as `cluster`.
timeout 600 "$mpiexec" --oversubscribe -n 2 "$hykal" kernels "${settings[@]}" --data.files="$work/subset.xyz" \
    --output.results="$work/kernels.h5" > "$work/kernels.log" 2>&1 || { echo "FAIL: hykal kernels"; failures=$((failures + 1)); }

/usr/bin/python3 - "$work" <<'PY' || failures=$((failures + 1))
import sys, os, glob, h5py, numpy as np
work = sys.argv[1]
def canonical(labels):
    # Partition as labels renamed by order of first appearance (equal partitions → equal arrays).
    names = {}
    return np.array([names.setdefault(int(x), len(names)) if x >= 0 else -1 for x in labels])
runs = ["elpa1", "elpa2", "elpa4", "scalapack2", "scalapack4"]
ref = h5py.File(f"{work}/elpa1.h5", "r")
for path in ["frames/energy", "frames/labels/temperature", "descriptors/soap_mean", "kernels/soap", "kernels/coulomb",
             "kernels/frames", "clustering/scan", "clustering/chosen/labels", "map/coordinates", "timers"]:
    assert path in ref, f"missing {path}"
scan = ref["clustering/scan"][:]
assert list(np.round(scan["delta"], 2)) == [0.0, 0.25, 0.5, 0.75, 1.0], scan["delta"]
assert ref["kernels/soap"].shape == (50, 50)
K = ref["kernels/soap"][:]
assert np.allclose(np.diag(K), 1.0) and np.allclose(K, K.T) and K.max() <= 1.0
bad = []
for name in runs[1:]:
    other = h5py.File(f"{work}/{name}.h5", "r")
    s = other["clustering/scan"][:]
    if not np.array_equal(s["n_clusters"], scan["n_clusters"]): bad.append(f"{name}: N_c {s['n_clusters']} vs {scan['n_clusters']}")
    if not np.array_equal(s["chosen"], scan["chosen"]): bad.append(f"{name}: chosen δ differs")
    for group in [k for k in ref["clustering"] if k.startswith("delta_")]:
        if not np.array_equal(canonical(other[f"clustering/{group}/labels"][:]), canonical(ref[f"clustering/{group}/labels"][:])):
            bad.append(f"{name}: labels of {group} differ")
    if np.abs(other["kernels/soap"][:] - K).max() > 1e-12: bad.append(f"{name}: SOAP kernel differs")
for name in runs:
    figures = sorted(os.path.basename(p) for p in glob.glob(f"{work}/{name}-figures/*.svg"))
    expected = ["delta_scan_clusters.svg", "delta_scan_energy_spread.svg", "energy_per_frame.svg", "map_clusters.svg",
                "map_temperature.svg", "mean_distance.svg"]
    if figures != expected: bad.append(f"{name}: figures {figures}")
# The chosen δ is the lowest eligible ⟨σ⟩_E (METHOD.md §4), recomputed here from each δ's stored labels and
# /frames/energy_per_atom: σ_s = population standard deviation in meV/atom, mean over clusters.
def mean_sigma(labels, energy_per_atom):
    return np.mean([1000.0 * np.std(energy_per_atom[labels == s]) for s in np.unique(labels[labels >= 0])])
for name in runs:
    run = h5py.File(f"{work}/{name}.h5", "r")
    scan_rows = run["clustering/scan"][:]
    groups = {round(float(g[len("delta_"):]), 6): g for g in run["clustering"] if g.startswith("delta_")}
    energy_per_atom = run["frames/energy_per_atom"][:]
    sigma = np.array([mean_sigma(run[f"clustering/{groups[round(float(d), 6)]}/labels"][:], energy_per_atom)
                      for d in scan_rows["delta"]])
    if not np.allclose(sigma, scan_rows["mean_sigma_E"], rtol=1e-9, atol=0):
        bad.append(f"{name}: ⟨σ⟩_E per δ {scan_rows['mean_sigma_E']}, recomputed {sigma}")
    # Only δ whose N_c met d_tol compete, unless none did (docs/clustering.md).
    met = scan_rows["d_tol_met"] == 1
    eligible = met if met.any() else np.ones_like(met)
    if not np.array_equal(scan_rows["eligible"] == 1, eligible): bad.append(f"{name}: eligible {scan_rows['eligible']}")
    candidates = np.where(eligible, sigma, np.inf)
    lowest = int(np.flatnonzero(candidates <= candidates.min() * (1 + 1e-12))[0])  # the first on (rounding) ties
    if list(scan_rows["chosen"]) != [int(i == lowest) for i in range(len(sigma))]:
        bad.append(f"{name}: chosen δ {scan_rows['delta'][scan_rows['chosen'] == 1]}, lowest ⟨σ⟩_E at {scan_rows['delta'][lowest]}")
    if run["clustering/chosen"].attrs["delta"] != scan_rows["delta"][lowest]:
        bad.append(f"{name}: /clustering/chosen delta {run['clustering/chosen'].attrs['delta']}")
    chosen_labels = run[f"clustering/{groups[round(float(scan_rows['delta'][lowest]), 6)]}/labels"][:]
    if not np.array_equal(run["clustering/chosen/labels"][:], chosen_labels):
        bad.append(f"{name}: /clustering/chosen/labels are not those of the chosen δ")
alone = h5py.File(f"{work}/kernels.h5", "r")
for path in ["kernels/soap", "kernels/coulomb"]:
    if np.abs(alone[path][:] - ref[path][:]).max() > 1e-12: bad.append(f"hykal kernels: {path} differs from hykal cluster's")
leftovers = glob.glob(f"{work}/*.tmp*")
if leftovers: bad.append(f"temporary files left: {leftovers}")
print("\n".join(bad) if bad else "cluster outputs agree over ranks and eigensolvers: N_c per δ = %s, chosen δ = %s"
      % (list(scan["n_clusters"].astype(int)), scan["delta"][scan["chosen"] == 1]))
sys.exit(1 if bad else 0)
PY

# A second run on the same results file reuses the stored kernels; a changed [soap] key does not.
cp "$work/elpa1.h5" "$work/again.h5"
run again 2 --parallel.eigensolver=elpa
grep -q "kernels reused" "$work/again.log" || { echo "FAIL: unchanged settings did not reuse the kernels"; failures=$((failures + 1)); }
cp "$work/elpa1.h5" "$work/changed.h5"
run changed 2 --soap.sigma=0.45
if grep -q "kernels reused" "$work/changed.log"; then echo "FAIL: kernels reused after soap.sigma changed"; failures=$((failures + 1)); fi
/usr/bin/python3 -c "
import h5py, numpy as np, sys
a, b = h5py.File(sys.argv[1] + '/elpa1.h5', 'r'), h5py.File(sys.argv[1] + '/again.h5', 'r')
assert np.array_equal(a['clustering/chosen/labels'][:], b['clustering/chosen/labels'][:])
assert np.array_equal(a['kernels/soap'][:], b['kernels/soap'][:])" "$work" || { echo "FAIL: reused run differs"; failures=$((failures + 1)); }

expect_failure() {  # text that must appear once, options...
  local text=$1
  shift
  timeout 300 "$mpiexec" --oversubscribe -n 2 "$hykal" cluster "${settings[@]}" --output.results="$work/bad.h5" \
      --output.figures="$work/bad-figures" "$@" > "$work/bad.log" 2>&1
  local status=$? count
  count=$(grep -c -F -- "$text" "$work/bad.log")
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$count" -ne 1 ] || [ -e "$work/bad.h5" ]; then
    echo "FAIL: hykal cluster $*: exit $status, '$text' seen $count times"; cat "$work/bad.log"
    failures=$((failures + 1))
  fi
}
expect_failure "clustering.delta" --data.files="$work/subset.xyz" --clustering.delta=1.5
expect_failure "clustering.d_tol" --data.files="$work/subset.xyz" --clustering.d_tol=0
expect_failure "clustering.max_clusters" --data.files="$work/subset.xyz" --clustering.max_clusters=50
head -n "$lines" "$work/subset.xyz" > "$work/one.xyz"
expect_failure "frame(s) to cluster" --data.files="$work/one.xyz"

echo "cluster checks: $failures failed"
[ "$failures" -eq 0 ]
