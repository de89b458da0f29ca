#!/usr/bin/env bash
# Scripted report (issue 10, item 5): the cheap kernel forms at scale. `hykal cluster` with
# kernel.soap_form = mean-descriptor (one mean SOAP vector per frame) and kernel.coulomb_form =
# global (one Laplacian kernel on the whole Coulomb matrices) on all 6400 frames × 216 atoms of
# the GeTe melt-quench originals (DeePMD npy in ../shared/data/GeTe_meltquench_nvnmd/original,
# converted by deepmd_to_extxyz.py into the scratch directory, never into the repository; the
# conversion checks the 680 frames it shares with the bundled GeTe_meltquench_20perT.xyz).
# At 1 and at 2 ranks it prints: wall time and peak resident memory per rank (/usr/bin/time -v
# and hykal's own table), `--dry-run`'s estimate beside the measured peak, the stage timing
# table, then the 1 → 2-rank speedup of every stage and the adjusted Rand index of the chosen
# δ's clusters against the 34 temperatures, four temperature bands and the melt/quench stage.
# Usage: bench/reports/gete6400_mean.sh BUILD_DIR [--section.key=value ...]  (keys go to both runs)
# Environment: EVERY=K keeps every K-th frame of each temperature folder (default 1: all 6400;
# EVERY=8 gives 800 frames for a quick check), WORK (scratch; the converted file is reused).
# Run it on an otherwise idle machine: about 20 min on 2 idle cores for the 6400 frames (≈ 12 min
# at 1 rank, 6 at 2; estimated from EVERY=8 and EVERY=4 and bench/clustering_bench 6400: about
# 45 s / P of descriptors, 105 s / P of Coulomb kernel (N²·n²/2 L1 terms at 10 G per CPU second),
# 11 eigensolves of N = 6400 in the δ scan at ≈ 40 s / P each, then the map); `--dry-run` expects
# 3.4 GB at 1 rank and 2.9 GB per rank at 2 (the global Coulomb rows, N·n² doubles, and a ring panel).
# EVERY=8 takes about 1 min.
set -euo pipefail
build=${1:?usage: gete6400_mean.sh BUILD_DIR [overrides...]}
shift
source "$(dirname "$0")/common.sh"
every=${EVERY:-1}
gete=$data_sets/GeTe_meltquench_nvnmd
frames=$work/GeTe_meltquench_every$every.xyz

if [[ -s $frames ]]; then
    echo "reusing $frames"
else
    /usr/bin/python3 "$here/deepmd_to_extxyz.py" "$gete/original/GeTe-aimd-data" "$frames" --every "$every" \
        --check "$gete/GeTe_meltquench_20perT.xyz"
fi
settings=(--data.files="$frames" --data.label_keys="temperature stage"
          --kernel.soap_form=mean-descriptor --kernel.coulomb_form=global)

for ranks in 1 2; do
    run=(mpiexec --oversubscribe -n "$ranks" "$build/hykal" cluster "${settings[@]}"
         --output.results="$work/gete6400.$ranks.h5" --output.figures="$work/figures.$ranks")
    "${run[@]}" --dry-run "$@" > "$work/dry_run.$ranks.log" 2>&1
    /usr/bin/time -v "${run[@]}" "$@" > "$work/run.$ranks.log" 2>&1
    echo
    echo "=== $ranks rank(s) ==="
    grep -E "estimated peak memory" "$work/dry_run.$ranks.log"
    grep -E "Elapsed|Maximum resident" "$work/run.$ranks.log"
    sed -n '/δ scan/,/peak memory/p' "$work/run.$ranks.log"
done

/usr/bin/python3 - "$work" <<'PY'
import re, sys, h5py, numpy as np
from collections import Counter
work = sys.argv[1]

def stage_table(log):
    """{stage: max seconds over the ranks} and the peak memory per rank (max, MB) of a run's log."""
    text = open(log).read()
    table = text[text.index("timings over"):]
    stages = {}
    for line in table.splitlines()[2:]:
        match = re.match(r"(\S.*?)\s{2,}([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
        if not match:
            break
        stages[match.group(1)] = float(match.group(4))
    peak = float(re.search(r"peak memory per rank:.*max ([\d.]+) MB", table).group(1))
    return stages, peak

def wall_seconds(log):
    clock = re.search(r"Elapsed \(wall clock\) time .*: (\S+)", open(log).read()).group(1).split(":")
    return sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))

def estimate(log):
    return float(re.search(r"estimated peak memory per rank: (\d+) MB", open(log).read()).group(1))

print("\nranks   wall (s)   peak per rank, measured (MB)   --dry-run estimate (MB)")
runs = {}
for ranks in (1, 2):
    stages, peak = stage_table(f"{work}/run.{ranks}.log")
    runs[ranks] = stages
    print("%5d %10.1f %30.0f %25.0f" % (ranks, wall_seconds(f"{work}/run.{ranks}.log"), peak,
                                        estimate(f"{work}/dry_run.{ranks}.log")))

print("\nstage (max over ranks)            1 rank (s)   2 ranks (s)   speedup")
for stage, one in runs[1].items():
    two = runs[2].get(stage)
    speedup = "%9.2f" % (one / two) if two else "        -"
    print("%-32s %11.2f %13s %s" % (stage, one, "%.2f" % two if two is not None else "-", speedup))

def ari(a, b):
    pairs = lambda counts: sum(v * (v - 1) / 2 for v in counts.values())
    n = len(a); both = pairs(Counter(zip(a, b))); sa = pairs(Counter(a)); sb = pairs(Counter(b))
    expected = sa * sb / (n * (n - 1) / 2)
    return (both - expected) / ((sa + sb) / 2 - expected)

print("\nranks   chosen δ   N_c   ARI(34 temperatures)   ARI(4 bands)   ARI(stage)")
for ranks in (1, 2):
    f = h5py.File(f"{work}/gete6400.{ranks}.h5", "r")
    T = list(f["frames/labels/temperature"][:])
    stage = [s.decode() for s in f["frames/labels/stage"][:]]
    bands = list(np.digitize(T, [750, 1200, 1600]))  # 300–700, 750–1150, 1200–1550, 1600–1950 K
    chosen = f["clustering/chosen"]
    labels = list(chosen["labels"][:])
    print("%5d %10.1f %5d %22.3f %14.3f %12.3f" % (ranks, chosen.attrs["delta"], chosen.attrs["n_clusters"],
                                                  ari(labels, T), ari(labels, bands), ari(labels, stage)))
print("results, logs and figures in", work)
PY
