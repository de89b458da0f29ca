#!/usr/bin/env bash
# Every bad option value fails before any frame is read: given a data file that is not extended
# XYZ, hykal must stop on the option (one message naming the key, from one rank, exit status 1,
# no internal-error location or MPI abort) and never reach the file. One value per option kind
# (number, integer, choice, list, auto-or-number) and each late-checked value of issue 7.
# Usage: check_settings_at_start.sh HYKAL_EXECUTABLE MPIEXEC
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
echo "this is not an extended XYZ file" > "$work/garbage.xyz"

expect_key_error() {  # ranks, key, value
  local ranks=$1 key=$2 value=$3 status count
  timeout 120 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" cluster --data.files="$work/garbage.xyz" \
      --output.results="$work/out.h5" "--$key=$value" > "$work/log" 2>&1
  status=$?
  count=$(grep -c -F -- "option $key:" "$work/log")
  if [ "$status" -ne 1 ] || [ "$count" -ne 1 ] || grep -q -e 'garbage.xyz' -e '\[in ' -e 'MPI_ABORT' -e 'HDF5-DIAG' "$work/log" ||
     [ -e "$work/out.h5" ]; then
    echo "FAIL: $ranks ranks, --$key=$value: exit $status, 'option $key:' seen $count times"; cat "$work/log"
    failures=$((failures + 1))
  fi
}

for ranks in 1 2; do
  expect_key_error "$ranks" soap.r_cut abc                 # number
  expect_key_error "$ranks" kernel.soap_coef0 -1
  expect_key_error "$ranks" soap.n_max 2.5                 # integer
  expect_key_error "$ranks" kernel.soap_degree 0
  expect_key_error "$ranks" parallel.block_size 0
  expect_key_error "$ranks" parallel.block_size -8
  expect_key_error "$ranks" soap.rbf gaussian              # choice
  expect_key_error "$ranks" parallel.grid 2xq
  expect_key_error "$ranks" soap.species "Si Xx"           # list
  expect_key_error "$ranks" kernel.soap_gamma abc          # auto-or-number
  expect_key_error "$ranks" kernel.soap_gamma -1
  expect_key_error "$ranks" kernel.soap_gamma 1e300
  expect_key_error "$ranks" kernel.coulomb_gamma abc
  expect_key_error "$ranks" coulomb.n_atoms_max many
done

echo "settings-at-start checks: $failures failed"
[ "$failures" -eq 0 ]
