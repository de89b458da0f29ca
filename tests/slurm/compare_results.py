"""A results file made by a batch job against the reference made by mpiexec from the same input
and rank count: same frames, kernels (to 1e-10), δ scan, chosen clustering (labels up to
renaming) and map (up to the sign of each axis, to 1e-6), and /timers with its memory columns.
Usage: compare_results.py REFERENCE.h5 JOB.h5"""
import sys

import h5py
import numpy as np


def canonical(labels):
    """Labels renamed by order of first appearance: equal partitions give equal arrays."""
    names = {}
    return np.array([names.setdefault(int(x), len(names)) if x >= 0 else -1 for x in labels])


def differences(reference, job):
    bad = []
    if int(job.attrs["mpi_ranks"]) != int(reference.attrs["mpi_ranks"]):
        bad.append(f"ranks {job.attrs['mpi_ranks']} vs {reference.attrs['mpi_ranks']}")
    for path in ["frames/energy_per_atom", "frames/n_atoms", "kernels/frames"]:
        if not np.array_equal(job[path][:], reference[path][:]):
            bad.append(f"{path} differs")
    for path in ["kernels/soap", "kernels/coulomb"]:
        gap = np.abs(job[path][:] - reference[path][:]).max()
        if gap > 1e-10:
            bad.append(f"{path} differs by {gap:.2e}")
    scan, reference_scan = job["clustering/scan"][:], reference["clustering/scan"][:]
    for column in ["n_clusters", "chosen"]:
        if not np.array_equal(scan[column], reference_scan[column]):
            bad.append(f"clustering/scan {column}: {scan[column]} vs {reference_scan[column]}")
    if not np.array_equal(canonical(job["clustering/chosen/labels"][:]),
                          canonical(reference["clustering/chosen/labels"][:])):
        bad.append("chosen labels differ")
    ours, theirs = job["map/coordinates"][:], reference["map/coordinates"][:]
    signs = np.sign(np.sum(ours * theirs, axis=0))
    gap = np.nanmax(np.abs(ours * signs - theirs))
    if gap > 1e-6:
        bad.append(f"map coordinates differ by {gap:.2e}")
    timers = job["timers"][:]
    for column in ["max_seconds", "max_peak_mb"]:
        if column not in timers.dtype.names or not np.all(timers[column] > 0):
            bad.append(f"/timers {column} missing or not positive")
    return bad


reference_file, job_file = sys.argv[1:3]
with h5py.File(reference_file, "r") as reference, h5py.File(job_file, "r") as job:
    bad = differences(reference, job)
print("\n".join(bad) if bad else f"{job_file} matches the mpiexec reference")
sys.exit(1 if bad else 0)
