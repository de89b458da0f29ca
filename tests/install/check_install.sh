#!/usr/bin/env bash
# `cmake --install` into a fresh prefix lays out what the README promises: hykal and
# hykal-scaling-report in bin/ and runnable from there, every job script of jobscripts/, the
# example input, and README + docs/ under share/doc/hykal.
# Usage: check_install.sh CMAKE BUILD_DIR SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
cmake=$1
build=$2
source_dir=$3
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1 || { echo "FAIL: cmake --install"; cat "$work/install.log"; exit 1; }

expected=(bin/hykal bin/hykal-scaling-report share/hykal/inputs/example.ini share/hykal/inputs/example/sio2_meltquench.xyz
          share/doc/hykal/README.md)
for script in "$source_dir"/jobscripts/*; do expected+=("share/hykal/jobscripts/$(basename "$script")"); done
for doc in "$source_dir"/docs/*; do expected+=("share/doc/hykal/$(basename "$doc")"); done
for path in "${expected[@]}"; do
  [ -e "$prefix/$path" ] || { echo "FAIL: $path not installed"; failures=$((failures + 1)); }
done
for script in "$prefix"/share/hykal/jobscripts/*.slurm "$prefix/bin/hykal-scaling-report"; do
  [ -x "$script" ] || { echo "FAIL: $script is not executable"; failures=$((failures + 1)); }
done
"$prefix/bin/hykal" --version | grep -q "hykal" || { echo "FAIL: installed hykal --version"; failures=$((failures + 1)); }
"$prefix/bin/hykal-scaling-report" --help | grep -q -- "--mode" || { echo "FAIL: installed hykal-scaling-report --help"; failures=$((failures + 1)); }
echo "install checks: ${#expected[@]} paths, $failures failed"
[ "$failures" -eq 0 ]
