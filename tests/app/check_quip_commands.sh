#!/usr/bin/env bash
# `hykal fit` and `hykal predict` with gap.backend = quip (issue 8 item 6), at 1 and 2 ranks
# (predict also at 4), on a small AsTe3 subset, with stand-ins for QUIP's programs (as
# tests/gap/test_quip_backend.cpp has its own): fake gap_fit, written below, keeps the training
# file it was given and writes a potential holding two numbers, e = -2.5 eV/atom and
# k = -0.125 eV/Å²; fake quip (fake_quip.sh) reads them back from the potential it is given and
# returns, for a frame of N atoms at positions r_i, E = e·N, F_i = k·(r_i − mean r) and virial
# e·N·I. These known outputs are the reference: Python computes them from the input positions.
#  - fit --dry-run prints the PEAK figure fake gap_fit gives for dryrun=T and writes nothing;
#  - fit: the model file has backend = quip and gap_fit's potential verbatim (h5py), gap_fit saw
#    the training frames in order (the same file at 1 and 2 ranks), no file is left in the temporary
#    directory, the RMSE table is printed;
#  - predict (1, 2 and 4 ranks): gap_energy, gap_forces, gap_virial equal the known outputs,
#    reference keys and columns are untouched (check_gap_predictions.py), the RMSEs Python computes
#    from the output equal predict's table and fit's training row, the output is byte-identical,
#    the parity plots exist;
#  - failures (exit 1, one message, no model file and no .partial): gap_fit exits with status 1;
#    gap.gap_fit or gap.quip names no program; predict with a quip model when gap.quip names no
#    program (each reported before any frame is read: the data file given then is not extended XYZ).
# Usage: check_quip_commands.sh HYKAL_EXECUTABLE MPIEXEC SHARED_DIR
source "$(dirname "$0")/gap_checks.sh"

python3 "$here/gap_subset.py" "$data/train.xyz" "$work/train.xyz" 0 1 2 -2 -1
python3 "$here/gap_subset.py" "$data/valid.xyz" "$work/test.xyz" 0 1
export TMPDIR="$work/tmp"  # where hykal makes its private directories for the programs
mkdir -p "$TMPDIR"
echo "this is not extended XYZ" > "$work/garbage.xyz"

cat > "$work/gap_fit" <<SH
#!/bin/sh
config=\${1#config_file=}
if grep -q '^dryrun=T$' "\$config"; then printf 'Memory estimate\nPEAK  9.8 GB\n'; exit 0; fi
cp "\$(sed -n 's/^at_file=//p' "\$config")" "$work/seen_train.xyz"
printf '<GAP_params label="fake"><fake energy_per_atom="-2.5" force_factor="-0.125"/></GAP_params>\n' \\
  > "\$(sed -n 's/^gp_file=//p' "\$config")"
SH
cat > "$work/failing_gap_fit" <<'SH'
#!/bin/sh
echo 'SYSTEM ABORT: fake gap_fit failure'
exit 1
SH
install -m 755 "$here/fake_quip.sh" "$work/quip"
chmod +x "$work/gap_fit" "$work/failing_gap_fit"
programs() {  # gap_fit, quip: the options of the quip backend with these programs
  quip=(--gap.backend=quip --gap.gap_fit="$1" --gap.quip="$2")
}
programs "$work/gap_fit" "$work/quip"

row() {  # name: the numbers of that row of the last RMSE table in the log
  grep -F "  $1" "$work/log" | tail -n 1 | awk '{print $(NF-2), $(NF-1), $NF}'
}

known_outputs() {  # INPUT OUTPUT: gap_* of OUTPUT are the fake programs' known values for INPUT's frames
  python3 - "$1" "$2" <<'PY'
import shlex, sys
def frames(path):
    lines = open(path).read().splitlines()
    start = 0
    while start < len(lines):
        n = int(lines[start])
        yield dict(w.partition("=")[::2] for w in shlex.split(lines[start + 1])), [l.split() for l in lines[start + 2:start + 2 + n]]
        start += n + 2
def close(a, b):
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))
count = 0
for (comment, atoms), (written, rows) in zip(frames(sys.argv[1]), frames(sys.argv[2])):
    n = len(atoms)
    e, k = -2.5, -0.125
    fields = written["Properties"].split(":")
    column = sum(int(fields[i + 2]) for i in range(0, fields.index("gap_forces"), 3))
    mean = [sum(float(a[1 + c]) for a in atoms) / n for c in range(3)]
    assert close(float(written["gap_energy"]), e * n), (count, written["gap_energy"])
    virial = [float(v) for v in written["gap_virial"].split()]
    assert all(close(v, e * n if i in (0, 4, 8) else 0.0) for i, v in enumerate(virial)), (count, virial)
    for a, r in zip(atoms, rows):
        for c in range(3):
            assert close(float(r[column + c]), k * (float(a[1 + c]) - mean[c])), (count, r)
    count += 1
assert count == sum(1 for _ in frames(sys.argv[1])) > 0, count
PY
}

for ranks in 1 2; do
  model="$work/model$ranks.h5"
  run "$ranks" fit --dry-run --fit.train="$work/train.xyz" --fit.model="$model" "${small[@]}" "${quip[@]}"
  { [ "$status" -eq 0 ] && grep -q -F "gap_fit's own estimate of its peak memory (dryrun=T): 9.8 GB" "$work/log" &&
    [ ! -e "$model" ]; } || fail "fit --dry-run does not print gap_fit's estimate ($ranks ranks)"
  run "$ranks" fit --fit.train="$work/train.xyz" --fit.test="$work/test.xyz" --fit.model="$model" "${small[@]}" "${quip[@]}"
  { [ "$status" -eq 0 ] && [ -s "$model" ] && [ ! -e "$model.partial" ]; } || fail "fit with the quip backend ($ranks ranks)"
  grep -q "GAP fit by QUIP's gap_fit" "$work/log" || fail "fit: no plan line of the quip fit ($ranks ranks)"
  train_row[$ranks]=$(row "training frames (fit.train)")
  [ -n "$(row "test frames (fit.test)")" ] || fail "fit: no test row in the RMSE table ($ranks ranks)"
  /usr/bin/python3 - "$model" <<'PY' || fail "model $ranks: not a quip model holding gap_fit's potential verbatim"
import sys, h5py
m = h5py.File(sys.argv[1], "r")
text = lambda x: x.decode() if isinstance(x, bytes) else x
assert text(m.attrs["backend"]) == "quip" and m.attrs["version"] == 2
assert text(m["quip_xml"][0]) == '<GAP_params label="fake"><fake energy_per_atom="-2.5" force_factor="-0.125"/></GAP_params>\n'
assert m["training"].attrs["n_frames"] == 5 and m["terms"].attrs["count"] == 2 and "channels" not in m["terms/1"]
assert list(m["atomic_numbers"][:]) == [33, 52]  # As, Te
PY
  cp "$work/seen_train.xyz" "$work/seen_train$ranks.xyz"
  [ -z "$(ls -A "$TMPDIR")" ] || fail "fit left files in the temporary directory ($ranks ranks): $(ls "$TMPDIR")"
done
cmp -s "$work/seen_train1.xyz" "$work/seen_train2.xyz" || fail "gap_fit was given other frames at 2 ranks than at 1"
python3 - "$work/train.xyz" "$work/seen_train1.xyz" <<'PY' || fail "gap_fit was not given the training frames, in order"
import sys
def frames(path):
    lines = open(path).read().splitlines()
    start = 0
    while start < len(lines):
        n = int(lines[start])
        yield [tuple(float(x) for x in l.split()[1:4]) for l in lines[start + 2:start + 2 + n]]
        start += n + 2
given, seen = list(frames(sys.argv[1])), list(frames(sys.argv[2]))
sys.exit(0 if given == seen else 1)
PY
[ "${train_row[1]}" = "${train_row[2]}" ] && [ -n "${train_row[1]}" ] ||
  fail "training RMSEs differ between 1 and 2 ranks: '${train_row[1]}' vs '${train_row[2]}'"

for ranks in 1 2 4; do
  out="$work/predicted$ranks.xyz"
  run "$ranks" predict --data.files="$work/train.xyz" --predict.model="$work/model1.h5" --predict.output="$out" \
    --output.figures="$work/figures" --gap.quip="$work/quip"
  [ "$status" -eq 0 ] && [ -s "$out" ] || fail "predict with the quip model ($ranks ranks)"
  known_outputs "$work/train.xyz" "$out" || fail "predictions are not the fake quip's known outputs ($ranks ranks)"
  python_row=$(python3 "$here/check_gap_predictions.py" "$work/train.xyz" "$out") ||
    fail "predictions ($ranks ranks): $python_row"
  [ "$(row "frames of data.files")" = "${python_row##*$'\n'}" ] ||
    fail "predict's RMSEs '$(row "frames of data.files")' are not Python's '$python_row'"
  [ "${python_row##*$'\n'}" = "${train_row[1]}" ] || fail "RMSEs of predict's output '$python_row' are not fit's '${train_row[1]}'"
done
cmp -s "$work/predicted1.xyz" "$work/predicted2.xyz" && cmp -s "$work/predicted1.xyz" "$work/predicted4.xyz" ||
  fail "predictions differ between 1, 2 and 4 ranks"
[ -s "$work/figures/parity_energy.svg" ] && [ -s "$work/figures/parity_forces.svg" ] || fail "no parity plots"

one_error() {  # name, text: exit 1, one error line holding the text, no crash output, no model file
  local name=$1 text=$2 count
  count=$(grep -o -F 'hykal: error' "$work/log" | wc -l)
  if [ "$status" -ne 1 ] || [ "$count" -ne 1 ] || ! grep -q -F -- "$text" "$work/log" ||
     grep -q -e '\[in ' -e 'MPI_ABORT' "$work/log" || compgen -G "$work/failed.h5*" > /dev/null; then
    fail "$name: exit $status, $count error lines (expected one with '$text')"
  fi
}
for ranks in 1 2; do
  programs "$work/failing_gap_fit" "$work/quip"
  run "$ranks" fit --fit.train="$work/train.xyz" --fit.model="$work/failed.h5" "${small[@]}" "${quip[@]}"
  one_error "failing gap_fit ($ranks ranks)" "failed with exit status 1"
  grep -q -F 'SYSTEM ABORT: fake gap_fit failure' "$work/log" || fail "failing gap_fit: its output is not quoted ($ranks ranks)"
  programs hykal-no-such-gap_fit "$work/quip"
  run "$ranks" fit --fit.train="$work/garbage.xyz" --fit.model="$work/failed.h5" "${quip[@]}"
  one_error "missing gap_fit ($ranks ranks)" "gap.backend = quip needs QUIP's programs: gap.gap_fit: the program 'hykal-no-such-gap_fit' was not found on PATH"
  programs "$work/gap_fit" "$work/no/quip"
  run "$ranks" fit --fit.train="$work/garbage.xyz" --fit.model="$work/failed.h5" "${quip[@]}"
  one_error "missing quip ($ranks ranks)" "gap.quip: '$work/no/quip' does not exist or is not an executable file"
  run "$ranks" predict --data.files="$work/garbage.xyz" --predict.model="$work/model1.h5" --predict.output="$work/failed.h5" \
    --output.figures="$work/figures" --gap.quip=hykal-no-such-quip
  one_error "predict without quip ($ranks ranks)" "model1.h5 (a model of gap.backend = quip) needs QUIP's programs: gap.quip: the program 'hykal-no-such-quip'"
done
[ -z "$(ls -A "$TMPDIR")" ] || fail "files left in the temporary directory: $(ls "$TMPDIR")"

[ "$failures" -eq 0 ] && echo "all quip-backend command checks passed"
exit $((failures > 0))
