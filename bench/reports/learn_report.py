"""The closing numbers of a learn report (bench/reports/learn_*.sh): for each sampling mode stored
in the results file, the iterations (I, N_train, N_test, best test RMSEs), the final potential's
RMSE on every frame not used to train it, the wall time, and the fits that did not succeed.
Usage: python3 learn_report.py RESULTS.h5"""
import sys
import h5py
import numpy as np

results = h5py.File(sys.argv[1], "r")
n_frames = int((results["clustering/chosen/labels"][:] >= 0).sum())  # the frames sampled from: e0 references excluded
for group, name in [("learning", "sampling by clusters"), ("learning_random", "random sampling")]:
    if group not in results:
        continue
    g = results[group]
    it = g["iterations"][:]
    fits = g["fits"][:]
    unused = g["unused_errors"].attrs
    print(f"\n{name}: {g.attrs['status_text']}, {len(it)} iteration(s), {len(fits)} fits, wall time {g.attrs['wall_seconds']:.0f} s")
    print(" iteration   I (%)  N_train  N_test   best test RMSE E (meV/atom)   F (eV/Å)")
    for row in it:
        print(f" {int(row['iteration']):9d} {row['percent']:7.1f} {int(row['n_train']):8d} {int(row['n_test']):7d}"
              f" {row['energy_rmse']:29.3f} {row['force_rmse']:10.4f}")
    n_train = int(it["n_train"][-1])
    print(f" final potential: N_train {n_train} ({100.0 * n_train / n_frames:.1f} % of the {n_frames} frames sampled from), on the"
          f" {unused['n_frames']} unused frames RMSE E {unused['energy_rmse_meV_per_atom']:.3f} meV/atom,"
          f" F {unused['force_rmse_eV_per_A']:.4f} eV/Å")
    print(" best hyperparameters:", ", ".join(f"{k} = {v:.4g}" for k, v in g["hyperparameters"].attrs.items()))
    failed = np.count_nonzero(fits["status"] != 0)
    if failed:
        print(f" {failed} fit(s) did not succeed:", set(s.decode() for s in g["fit_status"][:] if s != b"ok"))
