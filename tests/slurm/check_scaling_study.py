"""What jobscripts/scaling-study.slurm left in its directory: per rank count a results file whose
/timers has wall and CPU seconds and peak memory per rank, strong files with equal frames, weak
files with frames ∝ ranks, and reports whose efficiencies agree with T₁ / (P · T_P) computed here
from /timers (strong scaling; reference: the definition, not the tool's code), and SVG plots
that parse as XML.
Usage: check_scaling_study.py STUDY_DIR"""
import glob
import os
import sys
import xml.etree.ElementTree as ElementTree

import h5py

study = sys.argv[1]
bad = []
frames = {}
timers = {}
for path in sorted(glob.glob(f"{study}/*-r*.h5")):
    name = os.path.basename(path)[:-3]
    with h5py.File(path, "r") as f:
        frames[name] = len(f["frames/n_atoms"])
        table = f["timers"][:]
        for column in ["max_seconds", "max_cpu_seconds", "max_peak_mb"]:
            if column not in table.dtype.names:
                bad.append(f"{name}: /timers has no {column}")
        timers[name] = {row["stage"].decode(): row["max_seconds"] for row in table}
if frames.get("strong-r1") != frames.get("strong-r2"):
    bad.append(f"strong scaling frames differ: {frames}")
if frames.get("weak-r2") != 2 * frames.get("weak-r1", -1):
    bad.append(f"weak scaling frames not ∝ ranks: {frames}")

with open(f"{study}/strong.md") as table:
    lines = [line.split("|") for line in table if line.startswith("| ") and not line.startswith("| stage")]
for cells in lines:
    stage, ranks, efficiency = cells[1].strip(), int(cells[2].split()[0]), float(cells[7])
    if ranks == 2 and timers["strong-r2"][stage] > 0.05:
        expected = timers["strong-r1"][stage] / (2 * timers["strong-r2"][stage])
        if abs(efficiency - expected) > 0.01 + 0.01 * expected:
            bad.append(f"strong.md {stage}: efficiency {efficiency}, T1/(2·T2) = {expected:.3f}")
if not lines:
    bad.append("strong.md has no rows")
for plot in ["strong.svg", "weak.svg"]:
    root = ElementTree.parse(f"{study}/{plot}").getroot()
    if not root.tag.endswith("svg"):
        bad.append(f"{plot} is not an SVG")
print("\n".join(bad) if bad else f"scaling study: {sorted(frames.items())}, reports agree with /timers")
sys.exit(1 if bad else 0)
