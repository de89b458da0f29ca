#!/usr/bin/env bash
# Scripted report (issue 9): `hykal run` on the GeTe melt-quench data set of ../shared/data
# (680 frames × 216 atoms, no one-atom frames, no virials), sampling by clusters and then
# random sampling on the same results file (the clustering is reused), at 2 ranks with two fits
# at a time. Settings: the authors' clustering (defaults); I_perc 30 %, +10 % per iteration,
# E_tol 2 meV/atom; e0 = the mean energy per atom of the training frames (gap.e0 = average: the
# data set has no isolated atoms); BO budget per iteration 2 Latin-hypercube + 2 guided fits
# over the authors' search space with the SOAP sparse points narrowed to 200–600 per species
# (their 1500–2500 need ≈ 8 GB per fit group at 100 % here; --dry-run prints it).
# Prints, per sampling mode: iterations, N_train, test RMSE, RMSE on every unused frame, wall time.
# Usage: bench/reports/learn_gete.sh BUILD_DIR [RANKS] [--section.key=value ...]
# About 45 min per sampling mode on 2 cores (up to 8 iterations of 4 fits, two at a time).
set -euo pipefail
build=${1:?usage: learn_gete.sh BUILD_DIR [RANKS] [overrides...]}
ranks=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
source "$(dirname "$0")/common.sh"
settings=("${gete_data[@]}" --gap.e0=average --learning.i_perc=30 --learning.increment=10
          --learning.e_tol=0.002 --bo.batch=2 --bo.n_initial=2 --bo.n_iterations=2 "--bo.soap_n_sparse=200 600")

source "$here/learn_runs.sh"
learn_both_samplings "$build" "$ranks" "$work" "$work/gete.h5" "${settings[@]}" "$@"
