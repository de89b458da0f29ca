#!/usr/bin/env bash
# Bad input and interruptions (issue 7), each at 1 and 2 ranks: one clear message, exit status 1
# (128 + signal for SIGTERM/SIGINT), no internal-error location, MPI abort or HDF5 error stack,
# the previous results file intact and no temporary file left. Also what must work: data paths
# with spaces, stored kernels found again through another spelling of the data path, a
# parallel.grid that does not fit falling back to near-square, `kernels` on frames without energy.
# Usage: check_bad_input.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
source_dir=$3
fail() { echo "FAIL: $*"; cat "$work/log"; failures=$((failures + 1)); }
children() { cat /proc/"$1"/task/*/children 2>/dev/null; }  # process ids started by process $1
ranks_of() { for launcher in $(children "$1"); do children "$launcher"; done; }  # the hykal processes of run $1

# Six frames of the bundled example (96 atoms each), and small SOAP settings: quick runs.
example="$source_dir/inputs/example/sio2_meltquench.xyz"
head -n $((6 * 98)) "$example" > "$work/six.xyz"
fast=(--soap.n_max=2 --soap.l_max=2 --soap.r_cut=4.0 --clustering.max_clusters=3 --clustering.delta=0.5)

run() {  # ranks, command, options...: runs hykal, status in $status, output in $work/log
  local ranks=$1
  shift
  timeout -k 30 300 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" "$@" "${fast[@]}" > "$work/log" 2>&1
  status=$?
}

clean_failure() {  # name, text: exit 1, one error line holding the text, no crash output, no temp file
  local name=$1 text=$2 count
  count=$(grep -o -F 'hykal: error' "$work/log" | wc -l)
  if [ "$status" -ne 1 ] || [ "$count" -ne 1 ] || ! grep -q -F -- "$text" "$work/log" || grep -q -e '\[in ' -e 'MPI_ABORT' -e 'HDF5-DIAG' "$work/log" ||
     compgen -G "$work/*.tmp-*" > /dev/null; then
    fail "$name: exit $status, $count error lines (expected one with '$text')"
  fi
}

intact() {  # name: the earlier results file is unchanged
  cmp -s "$work/earlier.h5" "$work/earlier.copy" || fail "$1: the earlier results file changed"
}

run 2 descriptors --data.files="$work/six.xyz" --output.results="$work/earlier.h5"
[ "$status" -eq 0 ] || fail "descriptors on six frames"
cp "$work/earlier.h5" "$work/earlier.copy"

for ranks in 1 2; do
  # Output locations, checked before any frame is read.
  cp "$work/six.xyz" "$work/input.xyz"
  run "$ranks" descriptors --data.files="$work/input.xyz" --output.results="$work/input.xyz"
  clean_failure "results = data file ($ranks ranks)" "refusing to overwrite"
  cmp -s "$work/six.xyz" "$work/input.xyz" || fail "the data file was changed ($ranks ranks)"
  run "$ranks" descriptors --data.files="$work/six.xyz" --output.results="$work/missing/out.h5"
  clean_failure "missing directory ($ranks ranks)" "does not exist"
  run "$ranks" descriptors --data.files="$work/six.xyz" --output.results="$work/six.xyz/out.h5"
  clean_failure "parent is a file ($ranks ranks)" "is not a directory"
  run "$ranks" descriptors --data.files="$work/six.xyz" --output.results="$work"
  clean_failure "results path is a directory ($ranks ranks)" "is a directory"
  run "$ranks" cluster --data.files="$work/six.xyz" --output.results="$work/earlier.h5" --output.figures="$work/six.xyz"
  clean_failure "figures path is a file ($ranks ranks)" "exists and is not a directory"
  intact "figures path is a file ($ranks ranks)"
  grep -q "reading" "$work/log" && fail "output paths checked only after reading ($ranks ranks)"

  # Comment-line keys and values, rejected while reading, naming file, line and key.
  for case in "a/b=1" ".=1" "energy=5" "pressure=nan"; do
    sed "2s|\$| $case|" "$work/six.xyz" > "$work/bad.xyz"
    run "$ranks" descriptors --data.files="$work/bad.xyz" --output.results="$work/earlier.h5"
    key=${case%%=*}
    clean_failure "comment key '$case' ($ranks ranks)" "bad.xyz:2: frame 0"
    grep -F "bad.xyz:2: frame 0" "$work/log" | grep -q -F -e "$key" || fail "'$case': the key is not named"
    intact "comment key '$case' ($ranks ranks)"
  done

  # A stale temporary file of the same results path is reported at start.
  touch "$work/earlier.h5.tmp-1-2"
  run "$ranks" descriptors --data.files="$work/six.xyz" --output.results="$work/new.h5"
  [ "$status" -eq 0 ] || fail "run beside an unrelated stale file ($ranks ranks)"
  run "$ranks" descriptors --data.files="$work/bad.xyz" --output.results="$work/earlier.h5"
  grep -q "stale temporary file.*earlier.h5.tmp-1-2" "$work/log" || fail "stale temporary file not reported ($ranks ranks)"
  rm -f "$work/earlier.h5.tmp-1-2"
  intact "bad data after a stale file ($ranks ranks)"

  # SIGTERM and SIGINT to the hykal processes (as SLURM signals every task at the time limit)
  # while the results are written (the temporary file exists) and early on: the temporary file
  # goes, the earlier results stay. The per-atom SOAP rows make the write long.
  for signal in TERM INT; do
    for when in writing early; do
      timeout -k 30 900 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" descriptors --data.files="$example" \
          --output.results="$work/earlier.h5" --soap.store_per_atom=true > "$work/log" 2>&1 &
      pid=$!
      if [ "$when" = writing ]; then
        for _ in $(seq 3000); do compgen -G "$work/earlier.h5.tmp-*" > /dev/null && break; sleep 0.2; done
      else  # once the ranks exist: a fixed delay let a loaded machine start them after the signal
        for _ in $(seq 300); do [ -n "$(ranks_of "$pid")" ] && break; sleep 0.1; done
        sleep 0.5
      fi
      for rank_pid in $(ranks_of "$pid"); do kill -s "$signal" "$rank_pid"; done
      wait "$pid"
      status=$?
      if [ "$status" -eq 0 ] || compgen -G "$work/*.tmp-*" > /dev/null; then
        fail "SIG$signal while $when ($ranks ranks): exit $status"
        rm -f "$work"/*.tmp-*
      fi
      if [ "$when" = writing ] && ! grep -q "removed the unfinished results file" "$work/log"; then
        fail "SIG$signal while writing ($ranks ranks): no message"
      fi
      intact "SIG$signal ($ranks ranks)"
    done
  done

  # Paths with spaces: as a whole value on the command line, quoted in a list and in the INI file.
  mkdir -p "$work/my data"
  cp "$work/six.xyz" "$work/my data/six frames.xyz"
  run "$ranks" info --data.files="$work/my data/six frames.xyz"
  [ "$status" -eq 0 ] || fail "a data path with spaces on the command line ($ranks ranks)"
  run "$ranks" info --data.files="\"$work/my data/six frames.xyz\" $work/six.xyz"
  [ "$status" -eq 0 ] && grep -q "12 frames" "$work/log" || fail "a quoted path with spaces in a list ($ranks ranks)"
  printf '[data]\nfiles = "%s"\n' "$work/my data/six frames.xyz" > "$work/spaces.ini"
  run "$ranks" info "$work/spaces.ini"
  [ "$status" -eq 0 ] || fail "a quoted path with spaces in the INI file ($ranks ranks)"

  # Stored kernels are found again when the same data file is named another way.
  run "$ranks" kernels --data.files="$work/six.xyz" --output.results="$work/kernels.h5"
  [ "$status" -eq 0 ] || fail "kernels ($ranks ranks)"
  run "$ranks" kernels --data.files="$work/../$(basename "$work")/./six.xyz" --output.results="$work/kernels.h5"
  grep -q "kernels reused" "$work/log" || fail "stored kernels not reused through another path spelling ($ranks ranks)"

  # Frames without energy: descriptors and kernels run; cluster names the missing energy.
  sed -E 's/ energy=[^ ]+//' "$work/six.xyz" > "$work/no_energy.xyz"
  run "$ranks" kernels --data.files="$work/no_energy.xyz" --output.results="$work/no_energy.h5"
  [ "$status" -eq 0 ] || fail "kernels on frames without energy ($ranks ranks)"
  run "$ranks" cluster --data.files="$work/no_energy.xyz" --output.results="$work/no_energy.h5" --output.figures="$work/fig"
  clean_failure "cluster on frames without energy ($ranks ranks)" "has no energy"
done

# parallel.grid that does not fit the ranks: near-square, with a warning.
run 2 kernels --data.files="$work/six.xyz" --output.results="$work/grid.h5" --parallel.grid=3x3
[ "$status" -eq 0 ] && grep -q "parallel.grid 3x3 does not fit 2 ranks" "$work/log" || fail "grid fallback"

echo "bad-input checks: $failures failed"
[ "$failures" -eq 0 ]
