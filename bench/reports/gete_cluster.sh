#!/usr/bin/env bash
# Scripted report: `hykal cluster` with the authors' settings (the defaults) on the GeTe
# melt-quench data set of ../shared/data (680 frames × 216 atoms, 34 temperature plateaus),
# then how the clusters of every δ relate to the temperature labels (adjusted Rand index against
# the 34 temperatures, against four temperature bands and against the melt/quench stage).
# Prints the run's log tail (δ scan, timings, peak memory per rank) and the ARI table.
# Usage: bench/reports/gete_cluster.sh BUILD_DIR [RANKS] [--section.key=value ...]
# Takes about 5 min on 2 cores (the kernels dominate: N²·n_atoms²·r SOAP, N²·n_atoms³ Coulomb).
set -euo pipefail
build=${1:?usage: gete_cluster.sh BUILD_DIR [RANKS] [overrides...]}
ranks=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
source "$(dirname "$0")/common.sh"

/usr/bin/time -v mpiexec --oversubscribe -n "$ranks" "$build/hykal" cluster "${gete_data[@]}" \
    --output.results="$work/gete.h5" --output.figures="$work/figures" "$@" \
    > "$work/run.log" 2>&1
sed -n '/δ scan/,/peak memory/p' "$work/run.log"
grep -E "Elapsed|Maximum resident" "$work/run.log"

/usr/bin/python3 - "$work/gete.h5" <<'PY'
import sys, h5py, numpy as np
from collections import Counter
def ari(a, b):
    pairs = lambda counts: sum(v * (v - 1) / 2 for v in counts.values())
    n = len(a); both = pairs(Counter(zip(a, b))); sa = pairs(Counter(a)); sb = pairs(Counter(b))
    expected = sa * sb / (n * (n - 1) / 2)
    return (both - expected) / ((sa + sb) / 2 - expected)
f = h5py.File(sys.argv[1], "r")
T = f["frames/labels/temperature"][:]
stage = [s.decode() for s in f["frames/labels/stage"][:]]
bands = np.digitize(T, [750, 1200, 1600])  # 300–700, 750–1150, 1200–1550, 1600–1950 K
print("    δ   N_c   ARI(34 temperatures)   ARI(4 bands)   ARI(stage)")
for group in sorted(k for k in f["clustering"] if k.startswith("delta_")):
    labels = list(f[f"clustering/{group}/labels"][:])
    print("%5s %5d %22.3f %14.3f %12.3f" % (group[6:], max(labels) + 1, ari(labels, list(T)), ari(labels, list(bands)), ari(labels, stage)))
print("results and figures in", sys.argv[1].rsplit("/", 1)[0])
PY
