#!/usr/bin/env bash
# Every batch script in jobscripts/ submitted with sbatch to a real one-node SLURM (started here by
# start-cluster.sh, stopped on exit) on the bundled example, inputs/example.ini. Each job must end
# COMPLETED with exit code 0:0 within a bounded time; the cluster jobs' results files must match
# an `mpiexec -n 2 hykal cluster` run of the same input (reference: that mpiexec run, made here by
# the same binary outside SLURM), the run job's clustering, sets, fits and errors those of an
# `mpiexec -n 2 hykal run` with the same options, the info job's report `mpiexec hykal info`'s, and the
# scaling study must leave one results file per rank count and the report tool's table and plot.
# Where SLURM cannot start (not root, slurm-wlm or munge missing) the test exits 77, which ctest
# reports as skipped; with HYKAL_REQUIRE_SLURM=1 (CI) that is a failure instead.
# Usage: check_jobscripts.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
source_dir=$3
state=$work/slurm
job_timeout=${HYKAL_SLURM_JOB_TIMEOUT:-900}   # seconds per job, the busy-machine worst case
cleanup() {
  bash "$source_dir/tests/slurm/stop-cluster.sh" "$state" > /dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
bash "$source_dir/tests/slurm/start-cluster.sh" "$state"
case $? in
  0) ;;
  2) if [ "${HYKAL_REQUIRE_SLURM:-0}" = 1 ]; then echo "FAIL: SLURM is required here (HYKAL_REQUIRE_SLURM=1)"; exit 1; fi
     echo "SKIPPED: no SLURM on this machine"; exit 77 ;;
  *) echo "FAIL: SLURM is installed but did not come up"; exit 1 ;;
esac
export SLURM_CONF=$state/slurm.conf
export HYKAL=$hykal HYKAL_WORK_DIR=$work/jobs
mkdir -p "$HYKAL_WORK_DIR"

# The reference, outside SLURM, with the rank count the jobs get.
cd "$source_dir" || exit 1
"$mpiexec" --oversubscribe -n 2 "$hykal" cluster inputs/example.ini --output.results="$work/reference.h5" \
    --output.figures="$work/reference-figures" > "$work/reference-cluster.log" 2>&1 || { echo "FAIL: mpiexec reference run"; exit 1; }
"$mpiexec" --oversubscribe -n 2 "$hykal" info inputs/example.ini > "$work/reference-info.log" 2>&1 || { echo "FAIL: mpiexec info"; exit 1; }
# `run` with a small clustering and a GAP search and budget of seconds, two fits at a time.
learn_options=(--soap.n_max=4 --soap.l_max=3 --clustering.delta_step=0.5 "--bo.soap_n_sparse=10 20"
               "--bo.two_body_n_sparse=5 10" "--bo.soap_l_max=2 3" "--bo.soap_n_max=2 3" --bo.n_initial=2
               --bo.n_iterations=0 --bo.batch=2 --learning.increment=70)
"$mpiexec" --oversubscribe -n 2 "$hykal" run inputs/example.ini "${learn_options[@]}" --output.results="$work/reference-run.h5" \
    --output.figures="$work/reference-run-figures" > "$work/reference-run.log" 2>&1 || { echo "FAIL: mpiexec reference run of hykal run"; exit 1; }

# submit SCRIPT [sbatch options...] -- [script arguments...]: prints the job id.
# Every script asks for a real machine's shape (128 ranks per node, several nodes): the test
# resizes it to this node's 2 CPUs from the command line, which overrides #SBATCH lines.
submit() {
  local script=$1
  shift
  local options=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  sbatch --parsable --chdir="$source_dir" --output="$work/%x-%j.log" --nodes=1 --ntasks-per-node=2 \
         --mem-per-cpu=2000M --time=30 "${options[@]}" "$source_dir/jobscripts/$script" "$@"
}

# wait_for JOB NAME: bounded wait, then the job's state and exit code must be COMPLETED and 0:0.
wait_for() {
  local job=$1 name=$2 state_line=""
  local deadline=$(( $(date +%s) + job_timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    state_line=$(scontrol show job "$job" 2> /dev/null | grep -o 'JobState=[A-Z_]* .*\|ExitCode=[0-9:]*' | tr '\n' ' ')
    case $state_line in
      *JobState=PENDING* | *JobState=RUNNING* | *JobState=CONFIGURING* | *JobState=COMPLETING*) sleep 2 ;;
      *) break ;;
    esac
  done
  local job_state exit_code
  job_state=$(scontrol show job "$job" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  exit_code=$(scontrol show job "$job" | grep -o ' ExitCode=[0-9:]*' | cut -d= -f2)
  if [ "$job_state" != COMPLETED ] || [ "$exit_code" != 0:0 ]; then
    [ "$job_state" = RUNNING ] || [ "$job_state" = PENDING ] && scancel "$job"
    echo "FAIL: $name (job $job): state $job_state, exit code $exit_code (bound ${job_timeout} s)"
    tail -n 30 "$work"/*-"$job".log
    failures=$((failures + 1))
    return 1
  fi
  echo "ok: $name (job $job) COMPLETED, exit code 0:0"
}

scripts=$(cd "$source_dir/jobscripts" && ls ./*.slurm | sed 's|^\./||')
for script in $scripts; do
  case $script in
    hykal-info.slurm)
      job=$(submit "$script" -- inputs/example.ini)
      if wait_for "$job" "$script"; then
        # The report without the timing lines (times differ between runs).
        strip() { sed -E 's/^\[ *[0-9.]+ s\] //' "$1" | grep -v -E '^(read frames|summarise|peak memory|timings| *stage|srun: )'; }
        diff <(strip "$work/hykal-info-$job.log") <(strip "$work/reference-info.log") > "$work/info.diff" ||
          { echo "FAIL: $script: report differs from mpiexec's"; head -20 "$work/info.diff"; failures=$((failures + 1)); }
      fi ;;
    hykal-cluster.slurm | hykal-cluster-multinode.slurm)
      job=$(submit "$script" -- inputs/example.ini)
      if wait_for "$job" "$script"; then
        /usr/bin/python3 "$source_dir/tests/slurm/compare_results.py" "$work/reference.h5" \
            "$HYKAL_WORK_DIR/hykal-cluster-$job/hykal.h5" || { echo "FAIL: $script: results differ"; failures=$((failures + 1)); }
      fi ;;
    hykal-run.slurm)
      job=$(submit "$script" -- inputs/example.ini "${learn_options[@]}")
      if wait_for "$job" "$script"; then
        run_dir=$HYKAL_WORK_DIR/hykal-run-$job
        for file in hykal.h5 hykal.learning.gap.h5 hykal.learning.training.xyz figures/learning_curve.svg; do
          [ -s "$run_dir/$file" ] || { echo "FAIL: $script: $run_dir/$file missing"; failures=$((failures + 1)); }
        done
        /usr/bin/python3 - "$work/reference-run.h5" "$run_dir/hykal.h5" <<'PY' || { echo "FAIL: $script: learning differs from mpiexec's"; failures=$((failures + 1)); }
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
same = all(np.array_equal(a[p][:], b[p][:]) for p in ["clustering/chosen/labels", "learning/training_set", "learning/test_set"])
fa, fb = a["learning/fits"][:], b["learning/fits"][:]
same = same and all(np.array_equal(fa[c], fb[c]) for c in fa.dtype.names if c != "seconds")
same = same and dict(a["learning/unused_errors"].attrs) == dict(b["learning/unused_errors"].attrs)
sys.exit(0 if same else 1)
PY
      fi ;;
    scaling-study.slurm)
      # A small study (reduced SOAP, 1 and 2 ranks, 20 frames per rank for weak scaling) keeps the
      # test short; the full one is in docs/scaling.md.
      job=$(SCALING_RANKS="1 2" SCALING_FRAMES_PER_RANK=20 submit "$script" -- inputs/example.ini \
                --soap.n_max=4 --soap.l_max=3 --clustering.delta_step=0.5)
      if wait_for "$job" "$script"; then
        study=$HYKAL_WORK_DIR/scaling-study-$job
        for file in strong-r1.h5 strong-r2.h5 weak-r1.h5 weak-r2.h5 strong.md strong.svg weak.md weak.svg; do
          [ -s "$study/$file" ] || { echo "FAIL: $script: $study/$file missing"; failures=$((failures + 1)); }
        done
        /usr/bin/python3 "$source_dir/tests/slurm/check_scaling_study.py" "$study" || failures=$((failures + 1))
      fi ;;
    *) echo "FAIL: $script: no check for this job script (add one to tests/slurm/check_jobscripts.sh)"
       failures=$((failures + 1)) ;;
  esac
done
echo "job scripts under SLURM: $(echo "$scripts" | wc -w) submitted, $failures failed, $(( $(date +%s) - started )) s"
[ "$failures" -eq 0 ]
