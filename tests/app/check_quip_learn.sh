#!/usr/bin/env bash
# `hykal learn` with gap.backend = quip (issue 8 item 6) on the small learning data set
# (learn_subset.sh), at 2 ranks as two fit groups of one rank (bo.batch = 2) and as one group of
# two ranks, with stand-ins for QUIP's programs: fake gap_fit, written here, reads the two-body
# cutoff c and n_sparse from its input: n_sparse = 5 exits with status 1, n_sparse = 6 writes no
# potential, n_sparse = 7 sleeps past gap.fit_timeout = 5 s, otherwise it writes a potential with
# e = −c eV/atom; fake quip (fake_quip.sh) returns E = e·N (and forces k·(r_i − mean r)) for the
# frames it is given. Checked with h5py against those known outputs: every fit with n_sparse 5 or 6 is recorded
# as failed with gap_fit's reason (exit status 1, no potential), with 7 as a timeout, and the loop
# goes on; every other fit of the last iteration has the energy
# RMSE sqrt(mean((−c − E_ref/N)²)) over the last iteration's test frames; the two runs record the
# same outcomes for the same proposals (the first iteration's initial design); the final model file is a quip model holding the potential of the best cutoff.
# Usage: check_quip_learn.sh HYKAL_EXECUTABLE MPIEXEC SOURCE_DIR
source "$(dirname "$0")/../test_env.sh"
hykal=$1
mpiexec=$2
source_dir=$3
source "$(dirname "$0")/learn_subset.sh"
learn_subset "$source_dir" "$work/data.xyz"

cat > "$work/gap_fit" <<'SH'
#!/bin/sh
config=${1#config_file=}
cutoff=$(sed -n 's/.*distance_Nb order=2 cutoff=\([^ ]*\).*/\1/p' "$config")
n_sparse=$(sed -n 's/.*distance_Nb order=2[^:]* n_sparse=\([0-9]*\).*/\1/p' "$config")
case $n_sparse in
  5) echo "SYSTEM ABORT: fake gap_fit refuses n_sparse=5"; exit 1 ;;
  6) echo "fake gap_fit: finished without writing a potential"; exit 0 ;;
  7) sleep 60 ;;
esac
printf '<GAP_params label="fake"><fake energy_per_atom="-%s" force_factor="-0.125"/></GAP_params>\n' "$cutoff" \
  > "$(sed -n 's/^gp_file=//p' "$config")"
SH
install -m 755 "$(dirname "$0")/fake_quip.sh" "$work/quip"
chmod +x "$work/gap_fit"

run() {  # name, options...
  local name=$1
  shift
  if ! timeout 600 "$mpiexec" --oversubscribe -n 2 "$hykal" learn "${learn_settings[@]}" --bo.n_initial=3 --bo.n_iterations=1 \
       --data.files="$work/data.xyz" --output.results="$work/$name.h5" --output.figures="$work/$name-figures" \
       --gap.backend=quip --gap.gap_fit="$work/gap_fit" --gap.quip="$work/quip" --gap.fit_timeout=5 "$@" > "$work/$name.log" 2>&1; then
    echo "FAIL: $name: hykal learn exited non-zero"; tail -30 "$work/$name.log"
    failures=$((failures + 1))
  fi
}
run groups --bo.batch=2
run pair --bo.batch=1

/usr/bin/python3 - "$work" <<'PY' || failures=$((failures + 1))
import sys, h5py, numpy as np
work = sys.argv[1]
bad = []
text = lambda x: x.decode() if isinstance(x, bytes) else x
def check(name):
    f = h5py.File(f"{work}/{name}.h5", "r")
    g = f["learning"]
    fits, reasons = g["fits"][:], [text(r) for r in g["fit_status"][:]]
    n_sparse = np.rint(fits["two_body_n_sparse"]).astype(int)
    for fit, n, reason in zip(fits, n_sparse, reasons):
        expected = {5: "exit status 1", 6: "wrote no potential", 7: "gap.fit_timeout = 5"}.get(n)
        if expected and (fit["status"] != (3 if n == 7 else 1) or expected not in reason):
            bad.append(f"{name}: fit with n_sparse {n}: status {fit['status']}, '{reason}'")
        if not expected and fit["status"] != 0:
            bad.append(f"{name}: fit with n_sparse {n} failed: {reason}")
    if not all((fits["status"] == s).any() for s in (0, 1, 3)):
        bad.append(f"{name}: the fits do not mix failures and successes: {list(n_sparse)}")
    # Energy RMSE of each successful fit of the last iteration: E = −c·N against the test frames.
    test = sorted(set(g["test_set"][:]))
    n_atoms, energy = f["frames/n_atoms"][:], f["frames/energy"][:]
    scored = [i for i in test if n_atoms[i] > 1]
    last = fits["iteration"] == fits["iteration"].max()
    for fit in fits[last & (fits["status"] == 0)]:
        rmse = 1000 * np.sqrt(np.mean([(-fit["cutoff"] - energy[i] / n_atoms[i]) ** 2 for i in scored]))
        # The loop stores RMSEs on its objective grid of 1e-7 eV/atom (gap_objective.hpp): 1e-4 meV/atom.
        if abs(fit["energy_rmse"] - round(rmse * 1e4) / 1e4) > 1e-9 * rmse:
            bad.append(f"{name}: fit at cutoff {fit['cutoff']}: energy RMSE {fit['energy_rmse']}, fake quip gives {rmse}")
    model = h5py.File(text(g.attrs["model_file"]), "r")
    best = fits[last & (fits["status"] == 0)]
    best = best[np.argmin(best["energy_rmse"])]
    xml = text(model["quip_xml"][0])
    if text(model.attrs["backend"]) != "quip" or f'energy_per_atom="-{float(best["cutoff"])!r}"' not in xml:
        bad.append(f"{name}: the model is not the quip potential of the best cutoff {best['cutoff']}: {xml!r}")
    return fits
a, b = check("groups"), check("pair")
# The initial design of every iteration depends on the seeds alone: the same proposals, fitted
# by a group of one rank or of two, give the same outcomes.
initial = lambda fits: fits[(fits["proposal"] < 3) & (fits["iteration"] == 0)]
for column in ("status", "two_body_n_sparse", "cutoff", "energy_rmse"):
    if not np.allclose(initial(a)[column], initial(b)[column], rtol=1e-9, equal_nan=True):
        bad.append(f"initial design: fits column {column} differs between the runs")
counts = {name: f"{(f['status'] == 0).sum()} ok, {(f['status'] == 1).sum()} failed, {(f['status'] == 3).sum()} timed out"
          for name, f in (("groups", a), ("pair", b))}
print("\n".join(bad) if bad else f"learn with the quip backend: failures recorded with their reason, RMSEs as the fake programs give ({counts})")
sys.exit(1 if bad else 0)
PY
exit $((failures > 0))
