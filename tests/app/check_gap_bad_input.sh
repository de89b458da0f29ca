#!/usr/bin/env bash
# Bad input to `hykal fit` and `hykal predict` (issue 8), each at 1 and 2 ranks: exit status 1,
# one message naming the problem (no internal-error location, MPI abort or HDF5 error stack), the
# earlier model or prediction file unchanged and no .partial file left:
#  fit:     gap.backend = quip with a gap_fit that is not there; σ_F set (the default) but no
#           training frame has forces; a test frame with an element no training frame has;
#           e0 = isolated without one-atom frames; more SOAP sparse points than environments;
#  predict: a model file that is not ours (a hykal results file), a truncated model file, a
#           missing one, frames with an element the model lacks, frames that already hold
#           gap_forces.
# Usage: check_gap_bad_input.sh HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
source "$(dirname "$0")/gap_checks.sh"

python3 "$here/gap_subset.py" "$data/train.xyz" "$work/train.xyz" 0 1 -2 -1
python3 "$here/gap_subset.py" "$data/train.xyz" "$work/bulk.xyz" 0 1
python3 "$here/gap_subset.py" "$data/train.xyz" "$work/no_forces.xyz" 0 1 -2 -1 --no-forces
python3 "$here/gap_subset.py" "$data/train.xyz" "$work/isolated.xyz" -2 -1
sed 's/^Te /Se /' "$work/isolated.xyz" > "$work/selenium.xyz"

clean_failure() {  # name, text: exit 1, one error line holding the text, no crash output, nothing partial
  local name=$1 text=$2 count
  count=$(grep -o -F 'hykal: error' "$work/log" | wc -l)
  if [ "$status" -ne 1 ] || [ "$count" -ne 1 ] || ! grep -q -F -- "$text" "$work/log" ||
     grep -q -e '\[in ' -e 'MPI_ABORT' -e 'HDF5-DIAG' "$work/log" || compgen -G "$work/*.partial" > /dev/null; then
    fail "$name: exit $status, $count error lines (expected one with '$text')"
  fi
  cmp -s "$work/model.h5" "$work/model.copy" || fail "$name: the earlier model file changed"
  cmp -s "$work/out.xyz" "$work/out.copy" || fail "$name: the earlier prediction file changed"
}

fit() { run "$1" fit --fit.model="$work/model.h5" "${small[@]}" "${@:2}"; }
predict() { run "$1" predict --predict.output="$work/out.xyz" --output.figures="$work/figures" "${@:2}"; }

# The earlier results every failing run must leave as they are, and a results file that is not a model.
fit 2 --fit.train="$work/train.xyz"
[ "$status" -eq 0 ] || fail "fit of the earlier model"
cp "$work/model.h5" "$work/model.copy"
predict 2 --data.files="$work/bulk.xyz" --predict.model="$work/model.h5"
[ "$status" -eq 0 ] || fail "prediction of the earlier output"
cp "$work/out.xyz" "$work/out.copy"
run 1 descriptors --data.files="$work/isolated.xyz" --output.results="$work/results.h5" --soap.n_max=2 --soap.l_max=2
[ "$status" -eq 0 ] || fail "results file for the not-a-model case"
head -c 4000 "$work/model.h5" > "$work/truncated.h5"

for ranks in 1 2; do
  fit "$ranks" --fit.train="$work/train.xyz" --gap.backend=quip --gap.gap_fit=hykal-no-such-gap_fit
  clean_failure "missing gap_fit ($ranks ranks)" "gap.gap_fit: the program 'hykal-no-such-gap_fit' was not found on PATH"
  fit "$ranks" --fit.train="$work/no_forces.xyz"
  clean_failure "no forces ($ranks ranks)" "gap.sigma_force is set but no training frame has forces"
  fit "$ranks" --fit.train="$work/train.xyz" --fit.test="$work/selenium.xyz"
  clean_failure "element only in the test frames ($ranks ranks)" "selenium.xyz, frame 0: element Se (atom 0) is in no training frame"
  fit "$ranks" --fit.train="$work/bulk.xyz"
  clean_failure "e0 = isolated without isolated atoms ($ranks ranks)" "gap.e0 = isolated: no one-atom training frame"
  run "$ranks" fit --fit.model="$work/model.h5" --fit.train="$work/train.xyz" --gap.soap_n_sparse=100000 --gap.soap_l_max=3 --gap.soap_n_max=3
  clean_failure "more sparse points than environments ($ranks ranks)" "gap.soap_n_sparse = 100000 is more than the"

  predict "$ranks" --data.files="$work/bulk.xyz" --predict.model="$work/results.h5"
  clean_failure "model file not ours ($ranks ranks)" "results.h5: not a hykal GAP model file"
  predict "$ranks" --data.files="$work/bulk.xyz" --predict.model="$work/truncated.h5"
  clean_failure "truncated model file ($ranks ranks)" "truncated.h5: cannot open as an HDF5 file"
  predict "$ranks" --data.files="$work/bulk.xyz" --predict.model="$work/none.h5"
  clean_failure "missing model file ($ranks ranks)" "none.h5: no such file"
  predict "$ranks" --data.files="$work/selenium.xyz" --predict.model="$work/model.h5"
  clean_failure "element not in the model ($ranks ranks)" "species Se is not in the GAP model"
  predict "$ranks" --data.files="$work/out.copy" --predict.model="$work/model.h5"
  clean_failure "frames that already hold predictions ($ranks ranks)" "already has a column gap_forces"
done

echo "GAP bad-input checks: $failures failed"
[ "$failures" -eq 0 ]
