#!/usr/bin/env bash
# Scripted report (issue 10, "Done when": results identical with HYKAL_SIMD=generic and the
# detected level; the tests pass in both builds). CI builds and tests one build, BUILD_DIR's
# level (the detected one by default); this is the benchmark-build step for the other:
#  1. configures and builds a generic x86-64 tree (-DHYKAL_SIMD=generic, Release, -Werror as CI)
#     from BUILD_DIR's sources, in GENERIC_BUILD_DIR (default: build-generic beside BUILD_DIR),
#     with CMAKE_CXX_COMPILER_LAUNCHER from the environment (e.g. ccache) when set;
#  2. runs its whole test suite (ctest -j2) and prints the summary;
#  3. runs `hykal cluster` with the authors' settings (the defaults) with both builds at 2 ranks
#     on AsTe3_mkcamlip's train.xyz and on the bundled example (inputs/example.ini, as the
#     README's main command), and compares the results files: SIMD level, N_c per δ, labels per
#     δ up to renaming of the clusters (a bijection between the two label sets), chosen δ, and
#     the largest |difference| of the stored SOAP and Coulomb kernels; prints one table per data
#     set and the wall and CPU time of each run and of its two kernel stages (the results file's
#     /timers; on a loaded machine the CPU times are the numbers to compare).
# Exits non-zero when the generic suite fails or N_c, labels or the chosen δ differ.
# Usage: bench/reports/simd_levels.sh BUILD_DIR [GENERIC_BUILD_DIR]
# Environment: CMAKE_CXX_COMPILER_LAUNCHER, WORK (scratch directory).
# Takes about 40 min on 2 cores: the generic build ≈ 20 min without ccache (22 min with a partly
# warm one on a loaded machine, 2026-12-02), its suite of 112 tests (the 1-, 2- and 4-rank runs)
# 11 min, the four clustering runs about a minute.
set -euo pipefail
build=$(cd "${1:?usage: simd_levels.sh BUILD_DIR [GENERIC_BUILD_DIR]}" && pwd)
generic=${2:-$(dirname "$build")/build-generic}
source "$(dirname "$0")/common.sh"
sources=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")

echo "== generic build in $generic (sources $sources)"
cmake -S "$sources" -B "$generic" -DHYKAL_SIMD=generic -DCMAKE_BUILD_TYPE=Release -DHYKAL_WERROR=ON \
    ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER"} \
    > "$work/generic-configure.log"
grep "hykal SIMD level" "$work/generic-configure.log"
cmake --build "$generic" -j2 > "$work/generic-build.log" 2>&1 ||
  { tail -n 30 "$work/generic-build.log"; echo "generic build failed: $work/generic-build.log"; exit 1; }

echo "== generic test suite"
suite_status=0
ctest --test-dir "$generic" -j2 --output-on-failure > "$work/generic-ctest.log" 2>&1 || suite_status=$?
grep -E "tests passed|tests failed out of|\((Skipped|Failed|Not Run)\)|Total Test time" "$work/generic-ctest.log" || true
echo "(log: $work/generic-ctest.log)"

# cluster NAME BUILD [hykal arguments...]: one run at 2 ranks from the sources' top (the example's
# configuration names its data relative to it); its results file, log and times go to $work. A
# results file left by an earlier report in WORK is removed first: `cluster` would read its
# kernels back instead of computing them with this build.
cluster() {
  local name=$1 tree=$2; shift 2
  rm -f "$work/$name.h5"
  (cd "$sources" && /usr/bin/time -f "%e %U %S" -o "$work/$name.time" \
     mpiexec --oversubscribe -n 2 "$tree/hykal" cluster "$@" \
       --output.results="$work/$name.h5" --output.figures="$work/$name-figures" > "$work/$name.log" 2>&1) ||
    { tail -n 20 "$work/$name.log"; echo "hykal cluster failed: $work/$name.log"; exit 1; }
}

comparison_status=0
compare() {  # data set name, then the same arguments for both runs
  local name=$1; shift
  echo "== $name"
  cluster "$name-generic" "$generic" "$@"
  cluster "$name-native" "$build" "$@"
  /usr/bin/python3 - "$work/$name-generic" "$work/$name-native" <<'PY' || comparison_status=1
import sys, h5py, numpy as np
runs = {"generic": sys.argv[1], "native": sys.argv[2]}
files = {k: h5py.File(v + ".h5", "r") for k, v in runs.items()}
g, n = files["generic"], files["native"]

def same_up_to_renaming(a, b):
    # A bijection between the clusters of a and of b maps every frame's label: the pairs
    # (a, b) that occur are as many as the clusters of each. Unclustered frames (-1) must agree.
    if not np.array_equal(a < 0, b < 0):
        return False
    pairs = set(zip(a[a >= 0].tolist(), b[b >= 0].tolist()))
    return len(pairs) == len(set(a[a >= 0].tolist())) == len(set(b[b >= 0].tolist()))

deltas = sorted({k for f in files.values() for k in f["clustering"] if k.startswith("delta_")},
                key=lambda k: float(k[6:]))
chosen = {k: f["clustering/chosen"].attrs["delta"] for k, f in files.items()}
level = lambda f: f.attrs["simd_level"].decode() if isinstance(f.attrs["simd_level"], bytes) else f.attrs["simd_level"]
print("SIMD level: generic build %s, native build %s" % (level(g), level(n)))
print("%7s %12s %11s %17s  %s" % ("δ", "N_c generic", "N_c native", "labels identical", "chosen"))
ok = True
for k in deltas:
    if k not in g["clustering"] or k not in n["clustering"]:
        print("%7s  only in the %s file" % (k[6:], "native" if k in n["clustering"] else "generic")); ok = False; continue
    a, b = g[f"clustering/{k}/labels"][:], n[f"clustering/{k}/labels"][:]
    nc_a, nc_b = int(a.max()) + 1, int(b.max()) + 1
    same = same_up_to_renaming(a, b)
    ok &= same and nc_a == nc_b
    mark = " ".join(s for s, f in files.items() if abs(chosen[s] - float(k[6:])) < 1e-9)
    print("%7s %12d %11d %17s  %s" % (k[6:], nc_a, nc_b, "yes" if same else "NO", mark))
ok &= abs(chosen["generic"] - chosen["native"]) < 1e-9
print("chosen δ: generic %g (N_c %d), native %g (N_c %d)" % (chosen["generic"], g["clustering/chosen"].attrs["n_clusters"],
                                                           chosen["native"], n["clustering/chosen"].attrs["n_clusters"]))
for kernel in ("soap", "coulomb"):
    kg, kn = g[f"kernels/{kernel}"][:], n[f"kernels/{kernel}"][:]
    print("max |K_%s generic - native| = %.3g (max |K| %.3g, %d × %d)" % (kernel, np.abs(kg - kn).max(), np.abs(kn).max(), *kn.shape))
for build, path in runs.items():
    wall, user, system = map(float, open(path + ".time").read().split()[-3:])
    stages = {row["stage"].decode(): row for row in files[build]["timers"][:]}
    kernel_times = ", ".join("%s %.1f s (CPU %.1f s per rank)" % (stage, stages[stage]["max_seconds"], stages[stage]["avg_cpu_seconds"])
                             for stage in ("Coulomb kernel", "SOAP kernel") if stage in stages)
    print("%-8s wall %6.1f s, CPU %6.1f s over both ranks; %s" % (build, wall, user + system, kernel_times))
print("N_c, labels and chosen δ identical" if ok else "N_c, LABELS OR CHOSEN δ DIFFER")
sys.exit(0 if ok else 1)
PY
}

compare AsTe3 --data.files="$data_sets/AsTe3_mkcamlip/train.xyz"
compare example inputs/example.ini
echo "results, logs and figures in $work"
[ "$suite_status" -eq 0 ] || echo "the generic test suite FAILED (ctest status $suite_status)"
[ "$suite_status" -eq 0 ] && [ "$comparison_status" -eq 0 ]
