#!/usr/bin/env bash
# `mpiexec -n 4 hykal info` on every data set in ../shared/data prints the frame count, the atom
# counts per frame and the energy range and mean (eV/atom) that ASE reads. The mean covers every
# frame, so a wrong bulk-frame energy shows even where the extremes are the one-atom frames.
# Reference: tests/io/reference/ase_frames.tsv (every frame's atom count and energy from ASE
# 3.22.1; the command that made it is in its header), reduced here in Python and printed with
# %.6f as hykal prints.
# Usage: check_info.sh HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
source "$(dirname "$0")/../test_env.sh"
set -o pipefail
hykal=$1
mpiexec=$2
data=$3/data
table=$(cd "$(dirname "$0")/../io/reference" && pwd)/ase_frames.tsv
log=$work/log

# The lines hykal info must print for one file, from the ASE table.
expected_lines() {  # file
  /usr/bin/python3 - "$table" "$1" <<'PY'
import collections, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if not line.startswith("#")]
frames = [(int(atoms), float(energy)) for name, _, atoms, energy in rows if name == sys.argv[2]]
per_atom = [energy / atoms for atoms, energy in frames]
sizes = collections.Counter(atoms for atoms, _ in frames)
print(f"frames: {len(frames)}")
print("atoms per frame: " + ", ".join(f"{atoms} atoms × {count} frames" for atoms, count in sorted(sizes.items())))
print(f"energy: {min(per_atom):.6f} to {max(per_atom):.6f} eV/atom (mean {sum(per_atom) / len(per_atom):.6f} eV/atom)")
PY
}

check() {  # file
  local file=$1 expected line status
  expected=$(expected_lines "$file")
  timeout 300 "$mpiexec" --oversubscribe -n 4 "$hykal" info --data.files="$data/$file" >"$log" 2>&1
  status=$?
  local missing=0
  while IFS= read -r line; do
    grep -q -F -x -e "$line" "$log" || { echo "FAIL: $file: no line '$line'"; missing=1; }
  done <<< "$expected"
  if [ "$status" -ne 0 ] || [ "$missing" -ne 0 ]; then
    echo "FAIL: $file (exit $status)"; cat "$log"
    failures=$((failures + 1))
  else
    echo "ok: $file: $(echo "$expected" | tr '\n' ';')"
  fi
}

for file in $(cut -f1 "$table" | grep -v '^#' | uniq); do check "$file"; done

echo "info checks: $failures failed"
[ "$failures" -eq 0 ]
