#!/usr/bin/env bash
# Scripted report (issue 9): `hykal run` on the authors' AsTe3 data of ../shared/data
# (train.xyz + valid.xyz: 140 bulk frames plus the one-atom As and Te frames, the e0 references),
# sampling by clusters and then random sampling on the same results file (the clustering is
# reused), at 2 ranks with two fits at a time. Settings: the authors' clustering (defaults, which
# include d_tol 1e-4, their value for AsTe3); I_perc 30 %, +10 % per iteration, E_tol 2 meV/atom;
# e0 from the isolated atoms (the default); BO budget per iteration 2 Latin-hypercube + 2 guided
# fits (two rounds of two parallel fits; as learn_gete.sh) over the authors' search space with the
# SOAP sparse points narrowed to 300–900 per species.
# Prints, per sampling mode: iterations, N_train, test RMSE, RMSE on every unused frame, wall time.
# Usage: bench/reports/learn_aste3.sh BUILD_DIR [RANKS] [--section.key=value ...]
set -euo pipefail
build=${1:?usage: learn_aste3.sh BUILD_DIR [RANKS] [overrides...]}
ranks=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
source "$(dirname "$0")/common.sh"
data=$data_sets/AsTe3_mkcamlip
settings=(--data.files="$data/train.xyz $data/valid.xyz"
          --learning.i_perc=30 --learning.increment=10 --learning.e_tol=0.002 --bo.batch=2 --bo.n_initial=2
          --bo.n_iterations=2 "--bo.soap_n_sparse=300 900")

source "$here/learn_runs.sh"
learn_both_samplings "$build" "$ranks" "$work" "$work/aste3.h5" "${settings[@]}" "$@"
