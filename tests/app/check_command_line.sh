#!/usr/bin/env bash
# The hykal program itself: a wrong option gives one clear message naming it and a non-zero exit
# at 1, 2 and 4 ranks, without a hang; --help and --version work.
# Usage: check_command_line.sh HYKAL_EXECUTABLE MPIEXEC
source "$(dirname "$0")/../test_env.sh"
set -o pipefail
hykal=$1
mpiexec=$2
log=$work/log

expect_failure() {  # ranks, text that must appear exactly once, arguments...
  local ranks=$1 text=$2
  shift 2
  timeout 120 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" "$@" >"$log" 2>&1
  local status=$? count
  count=$(grep -o -F -- "$text" "$log" | wc -l)
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$count" -ne 1 ]; then
    echo "FAIL: $ranks ranks, hykal $*: exit $status, '$text' seen $count times"; cat "$log"
    failures=$((failures + 1))
  fi
}

for ranks in 1 2 4; do
  expect_failure "$ranks" "soap.r_cut" info --soap.r_cut=abc
  expect_failure "$ranks" "soap.rcut" info --soap.rcut=5
  expect_failure "$ranks" "/nonexistent/run.ini" info /nonexistent/run.ini
  expect_failure "$ranks" "clusterr" clusterr
done
expect_failure 2 "clustering.assign_labels" cluster --clustering.assign_labels=k-means

"$hykal" --help >"$log" 2>&1 || { echo "FAIL: --help exits non-zero"; failures=$((failures + 1)); }
for word in info soap.r_cut "Å" parallel.eigensolver; do
  grep -q -F -- "$word" "$log" || { echo "FAIL: --help lacks $word"; failures=$((failures + 1)); }
done
# The output is captured first: `hykal --version | grep -q` would also pass when hykal failed
# after printing, and grep -q closing the pipe early could fail it under pipefail.
version=$("$hykal" --version 2>&1) && grep -q '^hykal ' <<< "$version" || { echo "FAIL: --version: $version"; failures=$((failures + 1)); }

# --dry-run reads the data, prints the memory estimate and writes nothing.
example=$(cd "$(dirname "$0")/../.." && pwd)/inputs/example/sio2_meltquench.xyz
results=$work/results.h5
if ! timeout 120 "$mpiexec" --oversubscribe -n 2 "$hykal" cluster --dry-run --data.files="$example" \
       --output.results="$results" >"$log" 2>&1 || ! grep -q "estimated memory per rank" "$log" || [ -e "$results" ]; then
  echo "FAIL: --dry-run"; cat "$log"; failures=$((failures + 1))
fi

echo "command-line checks: $failures failed"
[ "$failures" -eq 0 ]
