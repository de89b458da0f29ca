#!/usr/bin/env bash
# Reuse of stored kernels (docs/commands.md), judged by the kernels' values, not by the log.
# A results file is "planted": the kernels of the base settings with the values of other
# settings (a decoy) put in their place, the signature left as it was. A run that reuses the
# stored kernels carries the decoy's values into its results; a run that rebuilds them does not.
# Every part of the signature must force a rebuild — the data file (size, modification time,
# content rewritten with the same size within the same second), a [coulomb] key, a [kernel] key,
# data.isolated_atoms, a different /kernels/frames — and a changed [clustering] or [map] key must
# reuse them. A rebuilt kernel must equal a fresh run's (the same command on a results file that
# does not exist yet).
# Usage: check_kernel_reuse.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
set -o pipefail
hykal=$1
mpiexec=$2
source_dir=$3

# Thirteen frames of the bundled example (every 16th), small SOAP, one rank (the reuse decision
# at several ranks is in check_cluster.sh): about a second per run.
source "$(dirname "$0")/example_subset.sh"
example_subset "$source_dir" 16 "$work/data.xyz"
base=(--soap.n_max=3 --soap.l_max=2 --soap.r_cut=4.0 --clustering.delta=0.5 --clustering.max_clusters=4)

hykal_run() {  # command, results file, extra options...
  local command=$1 results=$2
  shift 2
  timeout 300 "$mpiexec" --oversubscribe -n 1 "$hykal" "$command" "${base[@]}" --data.files="$work/data.xyz" \
      --output.results="$results" --output.figures="$work/figures" "$@" > "$results.log" 2>&1 && return 0
  echo "FAIL: hykal $command $*: exit $?"; tail -20 "$results.log"
  return 1
}

compare() {  # results file, expected (reused, fresh, base), reference file
  /usr/bin/python3 - "$work/planted.h5" "$@" <<'PY'
import sys, h5py, numpy as np
planted, results, expected, reference_file = sys.argv[1:5]
p, r = h5py.File(planted, "r"), h5py.File(results, "r")
problems = []
for kernel in ("soap", "coulomb"):
    value = r[f"kernels/{kernel}"][:]
    decoy = p[f"kernels/{kernel}"][:]
    if expected == "reused" and not np.array_equal(value, decoy):
        problems.append(f"{kernel}: not the stored kernel")
    if expected != "reused":
        if value.shape == decoy.shape and np.abs(value - decoy).max() < 1e-6:
            problems.append(f"{kernel}: the stored kernel was reused")
        reference = h5py.File(reference_file, "r")[f"kernels/{kernel}"][:]
        if value.shape != reference.shape or np.abs(value - reference).max() > 1e-12:
            problems.append(f"{kernel}: differs from the {expected} run's")
if problems:
    print(f"FAIL: {results}: expected {expected}: " + "; ".join(problems))
sys.exit(1 if problems else 0)
PY
}

# One case: the planted file, changed by `prepare` (a shell snippet run first), then `command`
# with options. Expected "reused", or the name of the reference a rebuild must equal: "fresh"
# (the same run on a new results file) or "base" (the base settings' kernels, for changes that
# cannot alter the values). The data file is restored afterwards, modification time included.
case_run() {  # name, expected, command, prepare, options...
  local name=$1 expected=$2 command=$3 prepare=$4 reference=$work/base.h5
  shift 4
  cp "$work/planted.h5" "$work/$name.h5"
  eval "$prepare"
  if hykal_run "$command" "$work/$name.h5" "$@"; then
    [ "$expected" = fresh ] && reference=$work/fresh-$name.h5 && hykal_run "$command" "$reference" "$@"
    if compare "$work/$name.h5" "$expected" "$reference"; then echo "ok: $name: $expected"
    else failures=$((failures + 1)); fi
  else
    failures=$((failures + 1))
  fi
  cp "$work/data.original" "$work/data.xyz"
  touch -r "$work/data.original" "$work/data.xyz"
}

# The planted file: the base settings' /kernels/settings with the decoy's values.
cp -p "$work/data.xyz" "$work/data.original"
hykal_run kernels "$work/base.h5" && hykal_run kernels "$work/decoy.h5" --soap.sigma=0.3 --kernel.coulomb_gamma=0.002 || exit 1
cp "$work/base.h5" "$work/planted.h5"
/usr/bin/python3 -c "
import sys, h5py, numpy as np
with h5py.File(sys.argv[1] + '/planted.h5', 'r+') as planted, h5py.File(sys.argv[1] + '/decoy.h5', 'r') as decoy:
    for kernel in ('soap', 'coulomb'):
        assert np.abs(planted['kernels/' + kernel][:] - decoy['kernels/' + kernel][:]).max() > 1e-3, kernel
        planted['kernels/' + kernel][...] = decoy['kernels/' + kernel][:]" "$work" \
  || { echo "FAIL: the decoy kernels do not differ from the base ones"; exit 1; }

case_run unchanged reused kernels ""
case_run clustering_changed reused cluster "" --clustering.d_tol=0.01 --clustering.assign_labels=kmeans
case_run map_changed reused cluster "" --map.method=smacof
case_run coulomb_changed fresh kernels "" --coulomb.permutation=sorted_l2
case_run kernel_changed fresh kernels "" --kernel.soap_degree=3
# The example has no one-atom frames: the same kernels, but another signature.
case_run isolated_atoms_changed base kernels "" --data.isolated_atoms=false
case_run file_touched base kernels 'touch -d "@$(( $(stat -c %Y "$work/data.xyz") + 60 ))" "$work/data.xyz"'
# Larger by one byte, same values and modification time: a 0 appended to the first x coordinate.
case_run file_grown base kernels 'sed -i "3s/^\([A-Za-z]*[[:space:]]*[-0-9.]*\)/\10/" "$work/data.xyz"; touch -r "$work/data.original" "$work/data.xyz"'
# Same size, same second of modification: a file regenerated right after the run that stored
# the kernels (the last digit of the first atom's last force component changed, which the
# kernels do not see).
case_run file_rewritten base kernels 'sed -i "3s/[0-9]\$/7/" "$work/data.xyz"; cmp -s "$work/data.xyz" "$work/data.original" && sed -i "3s/[0-9]\$/8/" "$work/data.xyz"; touch -d "@$(stat -c %Y "$work/data.original")" "$work/data.xyz"'
# The stored kernels claim another frame set (the last row another frame).
case_run frames_changed base kernels '/usr/bin/python3 -c "
import h5py, sys
with h5py.File(sys.argv[1], \"r+\") as f: f[\"kernels/frames\"][-1] += 1" "$work/frames_changed.h5"'

echo "kernel reuse checks: $failures failed"
[ "$failures" -eq 0 ]
