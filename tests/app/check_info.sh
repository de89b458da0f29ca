#!/usr/bin/env bash
# `mpiexec -n 4 hykal info` on every data set in ../shared/data prints the frame count and the
# energy range that ASE reads.
# Reference: ASE 3.22.1 (Debian python3-ase), ase.io.read(path, ':'), E/len(atoms) of every
# frame, min and max rounded to 6 decimals; frame counts as in ../shared/data/MANIFEST.md.
# Usage: check_info.sh HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
set -u
hykal=$1
mpiexec=$2
data=$3/data
failures=0
log=$(mktemp)

check() {  # file, frames, lowest eV/atom, highest eV/atom
  local file=$data/$1
  timeout 300 "$mpiexec" --oversubscribe -n 4 "$hykal" info --data.files="$file" >"$log" 2>&1
  local status=$?
  if [ "$status" -ne 0 ] \
     || ! grep -q -x "frames: $2" "$log" \
     || ! grep -q -F "energy: $3 to $4 eV/atom" "$log"; then
    echo "FAIL: $1: expected $2 frames, energy $3 to $4 eV/atom (exit $status)"; cat "$log"
    failures=$((failures + 1))
  else
    echo "ok: $1: $2 frames, $3 to $4 eV/atom"
  fi
}

check AsTe3_mkcamlip/train.xyz 99 -218.374947 -166.857146
check AsTe3_mkcamlip/valid.xyz 45 -218.374947 -166.857146
check TeO2_glass_mkcamlip/valid.xyz 54 -428.916920 -217.466998
check GeTe_meltquench_nvnmd/GeTe_meltquench_20perT.xyz 680 -164.738118 -164.404333

rm -f "$log"
echo "info checks: $failures failed"
[ "$failures" -eq 0 ]
