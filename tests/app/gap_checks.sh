# What the GAP command checks share (sourced by check_gap_commands.sh and check_gap_bad_input.sh):
# their arguments, a scratch directory removed at exit, failure counting, and a run of hykal
# under mpiexec; `small` holds GAP settings that fit the AsTe3 subsets in seconds.
# Arguments of the sourcing script: HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../test_env.sh"
hykal=$1
mpiexec=$2
data=$3/data/AsTe3_mkcamlip
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
small=(--gap.two_body_n_sparse=10 --gap.soap_n_sparse=40 --gap.soap_l_max=3 --gap.soap_n_max=3)

fail() { echo "FAIL: $*"; cat "$work/log"; failures=$((failures + 1)); }

run() {  # ranks, command, options...: status in $status, output in $work/log
  local ranks=$1
  shift
  timeout 600 "$mpiexec" --oversubscribe -n "$ranks" "$hykal" "$@" > "$work/log" 2>&1
  status=$?
}
