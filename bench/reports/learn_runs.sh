# Sourced by the learn reports: `hykal run` with sampling by clusters, then random sampling on the
# same results file (the clustering is reused), each run's summary and time, then the report.
learn_both_samplings() {  # build, ranks, work directory, results file, hykal options...
  local build=$1 ranks=$2 work=$3 results=$4 sampling
  shift 4
  for sampling in clusters random; do
    /usr/bin/time -v mpiexec --oversubscribe -n "$ranks" "$build/hykal" run --output.results="$results" \
        --output.figures="$work/figures" "$@" --learning.sampling="$sampling" > "$work/run-$sampling.log" 2>&1
    sed -n '/active learning (sampling/,/wall time/{p;/wall time/{n;p}}' "$work/run-$sampling.log"
    grep -E "Elapsed|Maximum resident" "$work/run-$sampling.log"
  done
  /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/learn_report.py" "$results"
  echo "results, potentials and figures in $work"
}
