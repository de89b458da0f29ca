#!/usr/bin/env bash
# Scripted report (issue 8): the built-in GAP fit against the authors' own gap_fit potential on
# their AsTe3 data (../shared/data/AsTe3_mkcamlip). `hykal fit` with the default [gap] values (the
# authors' converged hyperparameters) on train.xyz, tested on valid.xyz, with gap.seed = the
# "Random Seed" of the authors' gap_fit log (66549863, MK-CAMLIP Best_AL-MLIP(0)/outputt), which
# draws their sparse points; then `hykal predict` of both files and, per frame, our energies and
# forces beside those of their potential (gap_predictions/*_Gap.xyz, quip's output). Then one
# fit per seed of SEEDS (default "1 2 3") for the spread of the validation error over draws.
# Usage: bench/reports/gap_authors_potential.sh BUILD_DIR [RANKS]   (WORK: scratch directory)
# About 5 minutes per fit at 2 ranks on 2 cores (2.5 GB per rank).
set -euo pipefail
build=${1:?usage: gap_authors_potential.sh BUILD_DIR [RANKS]}
ranks=${2:-2}
source "$(dirname "$0")/common.sh"
data=$data_sets/AsTe3_mkcamlip
authors_seed=66549863

fit() {  # seed: fits, prints the RMSE table's test row, leaves $work/model-<seed>.h5
  mpiexec --oversubscribe -n "$ranks" "$build/hykal" fit --fit.train="$data/train.xyz" --fit.test="$data/valid.xyz" \
      --fit.model="$work/model-$1.h5" --gap.seed="$1" > "$work/fit-$1.log" 2>&1 ||
    { echo "fit with gap.seed $1 failed: $work/fit-$1.log"; tail -n 5 "$work/fit-$1.log"; exit 1; }
}

fit $authors_seed
for set in train valid; do
  mpiexec --oversubscribe -n "$ranks" "$build/hykal" predict --data.files="$data/$set.xyz" \
      --predict.model="$work/model-$authors_seed.h5" --predict.output="$work/$set-gap.xyz" \
      --output.figures="$work/figures-$set" > "$work/predict-$set.log" 2>&1 ||
    { echo "predict of $set.xyz failed: $work/predict-$set.log"; exit 1; }
done
echo "gap.seed $authors_seed (the authors' gap_fit Random Seed), $ranks ranks:"
/usr/bin/python3 "$here/gap_authors_compare.py" "$data" "$work"

printf '\n%10s %22s %18s\n' "gap.seed" "validation E (meV/atom)" "validation F (eV/Å)"
for seed in $authors_seed ${SEEDS-1 2 3}; do
  [ -f "$work/fit-$seed.log" ] || fit "$seed"
  grep -F "  test frames (fit.test)" "$work/fit-$seed.log" | awk -v s="$seed" '{printf "%10s %22s %18s\n", s, $(NF-2), $(NF-1)}'
done
echo "logs and models in $work"
