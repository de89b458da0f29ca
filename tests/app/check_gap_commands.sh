#!/usr/bin/env bash
# `hykal fit` and `hykal predict` end to end (issue 8) on a small AsTe3 subset (three 240-atom
# training frames plus the two isolated atoms, two validation frames; few sparse points, so each
# run takes seconds), at 1 and 2 ranks:
#  - fit writes the model file and an RMSE table; the table is the same at 1 and 2 ranks;
#  - predict on the training frames: the output is byte-identical at 1 and 2 ranks and, for the
#    models fitted at 1 and 2 ranks, equal to 1e-8 relative;
#  - the output keeps every reference key and column of the input untouched, adds gap_energy,
#    gap_forces and gap_virial, and its forces sum to zero per frame (check_gap_predictions.py,
#    plain Python);
#  - the RMSEs Python computes from predict's output equal the training row of fit's table and
#    predict's own table (independent arithmetic on the written file);
#  - --dry-run of fit and predict prints the memory per rank and writes nothing; the parity plots exist.
# Usage: check_gap_commands.sh HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
source "$(dirname "$0")/gap_checks.sh"

python3 "$here/gap_subset.py" "$data/train.xyz" "$work/train.xyz" 0 1 2 -2 -1
python3 "$here/gap_subset.py" "$data/valid.xyz" "$work/test.xyz" 0 1

row() {  # name: the numbers of that row of the last RMSE table in the log
  grep -F "  $1" "$work/log" | tail -n 1 | awk '{print $(NF-2), $(NF-1), $NF}'
}

for ranks in 1 2; do
  run "$ranks" fit --dry-run --fit.train="$work/train.xyz" --fit.model="$work/dry.h5" "${small[@]}"
  { [ "$status" -eq 0 ] && grep -q "estimated peak memory per rank" "$work/log" && [ ! -e "$work/dry.h5" ]; } ||
    fail "fit --dry-run ($ranks ranks)"

  run "$ranks" fit --fit.train="$work/train.xyz" --fit.test="$work/test.xyz" --fit.model="$work/model$ranks.h5" "${small[@]}"
  { [ "$status" -eq 0 ] && [ -s "$work/model$ranks.h5" ] && [ ! -e "$work/model$ranks.h5.partial" ]; } || fail "fit ($ranks ranks)"
  train_row[$ranks]=$(row "training frames (fit.train)")
  test_row[$ranks]=$(row "test frames (fit.test)")
  grep -q "E (meV/atom)      F (eV/Å)  V (meV/atom)" "$work/log" || fail "fit: no RMSE table with units ($ranks ranks)"
  grep -q "^GAP fit " "$work/log" || fail "fit: no timing row for the fit ($ranks ranks)"
done
[ "${train_row[1]}" = "${train_row[2]}" ] && [ -n "${train_row[1]}" ] ||
  fail "training RMSEs differ between 1 and 2 ranks: '${train_row[1]}' vs '${train_row[2]}'"
[ "${test_row[1]}" = "${test_row[2]}" ] && [ -n "${test_row[1]}" ] ||
  fail "test RMSEs differ between 1 and 2 ranks: '${test_row[1]}' vs '${test_row[2]}'"

for ranks in 1 2; do
  for model in 1 2; do
    out="$work/predicted-$model-$ranks.xyz"
    run "$ranks" predict --data.files="$work/train.xyz" --predict.model="$work/model$model.h5" --predict.output="$out" \
      --output.figures="$work/figures"
    [ "$status" -eq 0 ] && [ -s "$out" ] || fail "predict with model $model ($ranks ranks)"
    predict_row=$(row "frames of data.files")
    python_row=$(python3 "$here/check_gap_predictions.py" "$work/train.xyz" "$out") ||
      fail "predictions of model $model ($ranks ranks): $python_row"
    [ "$predict_row" = "${python_row##*$'\n'}" ] || fail "predict's RMSEs '$predict_row' are not Python's '$python_row'"
    [ "${python_row##*$'\n'}" = "${train_row[$model]}" ] ||
      fail "RMSEs of predict's output '$python_row' are not fit's training row '${train_row[$model]}'"
  done
done
run 2 predict --dry-run --data.files="$work/train.xyz" --predict.model="$work/model1.h5" --predict.output="$work/dry.xyz"
{ [ "$status" -eq 0 ] && grep -q "estimated peak memory per rank" "$work/log" && [ ! -e "$work/dry.xyz" ]; } ||
  fail "predict --dry-run"
[ -s "$work/figures/parity_energy.svg" ] && [ -s "$work/figures/parity_forces.svg" ] || fail "no parity plots"
cmp -s "$work/predicted-1-1.xyz" "$work/predicted-1-2.xyz" || fail "predictions differ between 1 and 2 ranks"
python3 - "$work/predicted-1-1.xyz" "$work/predicted-2-1.xyz" <<'PY' || fail "models fitted at 1 and 2 ranks predict differently"
import re, sys
numbers = [[float(x) for x in re.findall(r"gap_energy=(\S+)", open(path).read())] for path in sys.argv[1:]]
assert len(numbers[0]) == len(numbers[1]) > 0
worst = max(abs(a - b) / abs(a) for a, b in zip(*numbers))
print(f"largest relative difference of gap_energy: {worst:.2e}")
sys.exit(0 if worst < 1e-8 else 1)
PY

[ "$failures" -eq 0 ] && echo "all GAP command checks passed"
exit $((failures > 0))
