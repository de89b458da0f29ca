# Sourced by the learn reports: `hykal run` with sampling by clusters, then random sampling on the
# same results file (the clustering is reused), each run's summary and time, then the report.
# The reports take hours: rerunning a script with the same WORK directory skips a sampling mode
# whose run finished and resumes (`--resume`) one that was interrupted, so a report can be
# spread over several sittings.
learn_both_samplings() {  # build, ranks, work directory, results file, hykal options...
  local build=$1 ranks=$2 work=$3 results=$4 sampling log checkpoint
  shift 4
  for sampling in clusters random; do
    log=$work/run-$sampling.log
    checkpoint=${results%.h5}.learning.checkpoint.h5
    if [[ $sampling == random ]]; then checkpoint=${results%.h5}.learning_random.checkpoint.h5; fi
    if ! grep -q "wall time" "$log" 2>/dev/null; then
      local resume=()
      [[ -f $checkpoint ]] && resume=(--resume)
      /usr/bin/time -v mpiexec --oversubscribe -n "$ranks" "$build/hykal" run "${resume[@]}" \
          --output.results="$results" --output.figures="$work/figures" "$@" \
          --learning.sampling="$sampling" >> "$log" 2>&1
    fi
    sed -n '/active learning (sampling/,/wall time/{p;/wall time/{n;p}}' "$log"
    grep -E "Elapsed|Maximum resident" "$log"
  done
  /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/learn_report.py" "$results"
  echo "results, potentials and figures in $work"
}
