#!/usr/bin/env bash
# kill -9 and --resume (issue 9 item 4): a `hykal learn` at 2 ranks with two fits at a time (three
# iterations of six fits) is killed with SIGKILL (every process of the job) three times, each
# time as soon as its checkpoint holds a number of fits: 2 (the next batch is being fitted), 12
# (the end of an iteration: the next one is starting) and 18 (every fit done: the final refit,
# the model and the results are being written); each time `--resume` continues, the last time
# with QUIP's program paths changed (they are not part of the checkpoint's signature). The
# resumed run must end as the uninterrupted one: the same training and test sets, the same fits
# (hyperparameters, RMSEs, status), the same best hyperparameters, errors on the unused frames and
# model coefficients, compared with h5py. Then the bad input of the learning stage: E_tol ≤ 0,
# i_perc outside (0, 100], a BO bound with low > high, bo.batch above the ranks, --resume with no
# checkpoint and with a checkpoint of another configuration: one clear message, exit 1, the
# earlier results file unchanged.
# Usage: check_learn_resume.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
source_dir=$3
fail() { echo "FAIL: $*"; tail -20 "$work/log"; failures=$((failures + 1)); }

source "$(dirname "$0")/learn_subset.sh"
learn_subset "$source_dir" "$work/data.xyz"
# Three iterations of six fits: the kills have batches to fall into.
settings=("${learn_settings[@]}" --bo.n_initial=4 --bo.n_iterations=2 --data.files="$work/data.xyz")

learn() {  # results name, options...: runs in the background, pid in $job
  local name=$1
  shift
  timeout 600 "$mpiexec" --oversubscribe -n 2 "$hykal" learn "${settings[@]}" --bo.batch=2 --output.results="$work/$name.h5" \
      --output.figures="$work/$name-figures" "$@" >> "$work/$name.log" 2>&1 &
  job=$!
}

learn whole
wait "$job" || fail "the uninterrupted run failed"

# Kills every process of the job at once (mpiexec, the ranks) with SIGKILL when the checkpoint
# holds at least the given number of fits.
kill_at() {  # fits
  /usr/bin/python3 - "$work/killed.learning.checkpoint.h5" "$1" "$job" <<'PY'
import sys, time, os, signal, h5py
path, fits, job = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def tree(pid):
    try: children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError: return [pid]
    return [pid] + [p for c in children for p in tree(int(c))]
while True:
    try: os.kill(job, 0)
    except ProcessLookupError: sys.exit("the run ended before its checkpoint held %d fits" % fits)
    try:
        with h5py.File(path, "r") as f:
            if len(f["fits/iteration"]) >= fits: break
    except (OSError, KeyError):
        pass
    time.sleep(0.02)
for pid in tree(job):
    try: os.kill(pid, signal.SIGKILL)
    except ProcessLookupError: pass
print("killed at", len(h5py.File(path, "r")["fits/iteration"]), "fits")
PY
}

learn killed
kill_at 2 || fail "first kill"
wait "$job" 2> /dev/null
learn killed --resume
kill_at 12 || fail "second kill"
wait "$job" 2> /dev/null
learn killed --resume
kill_at 18 || fail "third kill"
wait "$job" 2> /dev/null
# The last sitting names QUIP's programs elsewhere (a module upgrade): that must not block --resume.
learn killed --resume --gap.gap_fit=/opt/quip-new/bin/gap_fit --gap.quip=/opt/quip-new/bin/quip
wait "$job" || fail "the resumed run failed"
[ "$(grep -c "resuming from" "$work/killed.log")" -eq 3 ] || fail "the log does not show three resumptions"

/usr/bin/python3 - "$work" <<'PY' || failures=$((failures + 1))
import sys, h5py, numpy as np
work = sys.argv[1]
whole, killed = h5py.File(f"{work}/whole.h5", "r"), h5py.File(f"{work}/killed.h5", "r")
bad = []
for path in ["learning/training_set", "learning/test_set", "learning/iterations"]:
    if not np.array_equal(whole[path][:], killed[path][:]): bad.append(f"/{path} differs")
a, b = whole["learning/fits"][:], killed["learning/fits"][:]
for column in a.dtype.names:
    if column != "seconds" and not np.array_equal(a[column], b[column]): bad.append(f"/learning/fits {column} differs")
for group in ["learning/hyperparameters", "learning/unused_errors"]:
    if dict(whole[group].attrs) != dict(killed[group].attrs): bad.append(f"/{group} differs")
mw, mk = h5py.File(f"{work}/whole.learning.gap.h5", "r"), h5py.File(f"{work}/killed.learning.gap.h5", "r")
def arrays(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out
x, y = arrays(mw), arrays(mk)
if x.keys() != y.keys() or any(not np.array_equal(x[k], y[k]) for k in x): bad.append("the model files differ")
print("\n".join(bad) if bad else f"resumed after three SIGKILLs: the same {len(a)} fits, sets and potential")
sys.exit(1 if bad else 0)
PY

# Bad input: one message naming the key, exit 1, the earlier results (whole.h5) unchanged.
cp "$work/whole.h5" "$work/whole.copy"
bad_input() {  # name, expected text, ranks, options...
  local name=$1 text=$2 ranks=$3
  shift 3
  timeout 300 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" learn "${settings[@]}" --output.results="$work/whole.h5" \
      --output.figures="$work/whole-figures" "$@" > "$work/log" 2>&1
  local status=$? count
  count=$(grep -o -F 'hykal: error' "$work/log" | wc -l)
  if [ "$status" -ne 1 ] || [ "$count" -ne 1 ] || ! grep -q -F -- "$text" "$work/log" || grep -q -e 'MPI_ABORT' -e 'HDF5-DIAG' "$work/log"; then
    fail "$name: exit $status, $count error lines (expected one with '$text')"
  fi
  cmp -s "$work/whole.h5" "$work/whole.copy" || fail "$name: the earlier results file changed"
}
bad_input "E_tol = 0" "option learning.e_tol" 2 --learning.e_tol=0
bad_input "E_tol < 0" "option learning.e_tol" 1 --learning.e_tol=-0.001
bad_input "i_perc = 0" "option learning.i_perc" 2 --learning.i_perc=0
bad_input "i_perc > 100" "option learning.i_perc" 2 --learning.i_perc=120
bad_input "low > high" "bo.cutoff" 2 "--bo.cutoff=5.5 4.0"
bad_input "bo.batch > ranks" "option bo.batch" 2 --bo.batch=3
bad_input "nothing to resume" "nothing to resume" 2 --resume --learning.sampling=random  # no random run yet
bad_input "foreign checkpoint" "learning.seed is '7' here but '0' in the checkpoint" 2 --resume --learning.seed=7
exit $((failures > 0))
