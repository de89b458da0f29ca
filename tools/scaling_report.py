#!/usr/bin/python3
"""Scaling report: the /timers tables of several hykal results files (one per rank count, from
jobscripts/scaling-study.slurm) as a Markdown table and an SVG plot of time, parallel efficiency
and peak memory per stage, with the performance model's prediction beside each measured time.

The model (docs/performance-model.md) gives each stage's work W (flops, from the frame, atom and
feature counts stored in the file) and its messages and bytes per rank. Its compute rate R is
calibrated on the fewest-rank run, so the prediction for P ranks on C cores is
    T(P) = W / (R · min(P, C)) + W_rep / R + messages · α + bytes / β,
where ranks beyond the cores share them and W_rep is work every rank repeats (the δ scan's
cluster_qr on the replicated embedding). With --time cpu the CPU seconds of /timers are used
instead of wall seconds (on a shared or oversubscribed node they leave out the waits for a core),
and the model's min(P, C) becomes P. Efficiency is work-normalised,
    E(P) = (T_ref · P_ref / W_ref) / (T(P) · P / W(P)),
which is the usual T₁ / (P · T_P) for strong scaling (W fixed) and stays meaningful for weak
scaling although the kernels' work grows as frames² and the eigensolver's as frames³.
Our own small tool: no Debian package reads hykal's /timers; h5py, NumPy and matplotlib do the rest.
Usage: scaling_report.py --mode strong|weak --output PREFIX [--time wall|cpu] [--cores C] [--note TEXT] FILE.h5 ...
"""
import argparse
import configparser
import math
import sys

import h5py
import numpy as np

# Link parameters of the model for ranks on one node (shared memory); docs/performance-model.md.
LATENCY_S = 1e-6
BANDWIDTH_B_PER_S = 5e9


class Run:
    """What one results file says about its run: sizes for the model, and /timers."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            self.path = path
            self.ranks = int(f.attrs["mpi_ranks"])
            n_atoms = f["frames/n_atoms"][:]
            self.frames = len(n_atoms)
            self.atoms = float(n_atoms.sum())
            self.atoms_per_frame = float(n_atoms.mean())
            self.clustered = len(f["kernels/frames"]) if "kernels/frames" in f else self.frames
            self.features = f["descriptors/soap_mean"].shape[1] if "descriptors/soap_mean" in f else 0
            self.n_deltas = len(f["clustering/scan"]) if "clustering/scan" in f else 0
            # N_c tried per δ: cluster_qr on the M × N_c embedding is repeated on every rank.
            self.clusters_tried = [int(n) for name, group in f.get("clustering", {}).items() if name.startswith("delta_")
                                   for n in group["mean_distance"]["n_clusters"]]
            settings = configparser.ConfigParser(inline_comment_prefixes=("#",))
            settings.read_string(f.attrs["configuration"].decode() if isinstance(f.attrs["configuration"], bytes)
                                 else f.attrs["configuration"])
            self.coulomb_rows = settings.get("kernel", "coulomb_form", fallback="rows") == "rows"
            self.coulomb_row_length = self.atoms_per_frame  # n_atoms_max, equal-size frames
            self.timers = {row["stage"].decode(): row for row in f["timers"][:]}


def stage_model(stage, run):
    """(work in flops shared by the ranks, work every rank repeats, messages per rank, bytes per
    rank) of one stage; docs/performance-model.md."""
    P, M, n, p, A = run.ranks, run.clustered, run.atoms_per_frame, run.features, run.atoms
    ring_steps = P // 2 if P > 1 else 0
    eigensolve_messages = 6 * M * math.log2(P) if P > 1 else 0
    eigensolve_bytes = 8 * 3 * M * M / math.sqrt(P) if P > 1 else 0
    if stage == "SOAP kernel":
        return M * M * n * n * p, 0, ring_steps, 8 * A * p * ring_steps / P
    if stage == "Coulomb kernel":
        rows = run.coulomb_row_length
        work = 1.5 * M * M * n * rows * rows if run.coulomb_rows else 1.5 * M * M * rows * rows
        return work, 0, ring_steps, 8 * A * rows * ring_steps / P
    if stage.startswith("spectral clustering"):
        cluster_qr = sum(4 * M * c * c for c in run.clusters_tried)
        return run.n_deltas * 4 / 3 * M ** 3, cluster_qr, run.n_deltas * eigensolve_messages, run.n_deltas * eigensolve_bytes
    if stage == "MDS map":
        return 4 / 3 * M ** 3, 0, eigensolve_messages, eigensolve_bytes
    if stage == "descriptors":
        return A * p, 0, 0, 0
    return A, 0, 0, 0  # reading: one pass over the atoms


def report_rows(runs, cores, clock):
    """One row per stage and run; clock is "wall" or "cpu" (which /timers column is measured)."""
    column = "max_seconds" if clock == "wall" else "max_cpu_seconds"
    reference = runs[0]
    rows = []
    for stage in reference.timers:
        if max(run.timers[stage][column] for run in runs if stage in run.timers) < 0.01:
            continue  # not run (e.g. read stored kernels) or too short to time
        shared_ref, repeated_ref, _, _ = stage_model(stage, reference)
        work_ref = shared_ref + repeated_ref
        measured_ref = reference.timers[stage][column]
        rate = work_ref / measured_ref
        for run in runs:
            if stage not in run.timers:
                continue
            shared, repeated, messages, volume = stage_model(stage, run)
            work = shared + repeated
            measured = run.timers[stage][column]
            sharing = min(run.ranks, cores) if clock == "wall" else run.ranks
            model = shared / (rate * sharing) + repeated / rate + messages * LATENCY_S + volume / BANDWIDTH_B_PER_S
            efficiency = (measured_ref * reference.ranks / work_ref) / (measured * run.ranks / work) \
                if measured > 0 and work > 0 else float("nan")
            rows.append(dict(stage=stage, ranks=run.ranks, frames=run.frames, measured=measured, model=model,
                             wall=run.timers[stage]["max_seconds"], cpu=run.timers[stage]["max_cpu_seconds"],
                             efficiency=efficiency, peak=run.timers[stage]["max_peak_mb"],
                             oversubscribed=run.ranks > cores))
    return rows


def markdown(rows, mode, clock, cores, note):
    lines = [f"{mode} scaling; times and memory of the slowest rank; model and efficiency from {clock} time; "
             f"{cores} cores per node" + (f"; {note}" if note else ""), "",
             f"| stage | ranks | frames | wall (s) | CPU (s) | model, {clock} (s) | efficiency ({clock}) | peak memory (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        ranks = f"{r['ranks']}{' (oversubscribed)' if r['oversubscribed'] else ''}"
        lines.append(f"| {r['stage']} | {ranks} | {r['frames']} | {r['wall']:.3f} | {r['cpu']:.3f} | {r['model']:.3f} | "
                     f"{r['efficiency']:.2f} | {r['peak']:.1f} |")
    return "\n".join(lines) + "\n"


def plot(rows, mode, clock, cores, note, path):
    import matplotlib
    matplotlib.use("svg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: small files, searchable labels
    import matplotlib.pyplot as plt
    stages = list(dict.fromkeys(r["stage"] for r in rows))
    figure, (time_axis, efficiency_axis) = plt.subplots(1, 2, figsize=(11, 4.5))
    for index, stage in enumerate(stages):
        mine = [r for r in rows if r["stage"] == stage]
        ranks = [r["ranks"] for r in mine]
        colour = f"C{index % 10}"
        time_axis.plot(ranks, [r["measured"] for r in mine], "o-", color=colour, label=stage)
        time_axis.plot(ranks, [r["model"] for r in mine], "x--", color=colour, alpha=0.6)
        efficiency_axis.plot(ranks, [r["efficiency"] for r in mine], "o-", color=colour, label=stage)
    all_ranks = sorted({r["ranks"] for r in rows})
    for axis in (time_axis, efficiency_axis):
        axis.set_xscale("log", base=2)
        axis.set_xticks(all_ranks, [str(r) for r in all_ranks])
        axis.set_xlabel("MPI ranks")
        if max(all_ranks) > cores:
            axis.axvspan(cores * 1.2, max(all_ranks) * 1.3, color="0.9", zorder=0)
            axis.text(cores * 1.25, axis.get_ylim()[1] if axis is time_axis else 1.05,
                      f"> {cores} cores:\noversubscribed", va="top", fontsize=8)
    time_axis.set_yscale("log")
    time_axis.set_ylabel(f"{clock} time, slowest rank (s)")
    time_axis.set_title("time per stage (o measured, x-- model)")
    efficiency_axis.set_ylim(0, max(1.15, 1.1 * max(r["efficiency"] for r in rows)))
    efficiency_axis.axhline(1.0, color="0.5", lw=0.8)
    efficiency_axis.set_ylabel("parallel efficiency (work-normalised)")
    efficiency_axis.set_title(f"{mode} scaling efficiency")
    efficiency_axis.legend(fontsize=8, loc="lower left")
    figure.suptitle(f"hykal {mode} scaling, {clock} time, {cores} cores" + (f"\n{note}" if note else ""), fontsize=10)
    figure.tight_layout()
    figure.savefig(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["strong", "weak"], required=True)
    parser.add_argument("--output", required=True, help="PREFIX: writes PREFIX.md and PREFIX.svg")
    parser.add_argument("--time", choices=["wall", "cpu"], default="wall", help="which /timers seconds (default wall)")
    parser.add_argument("--cores", type=int, default=0, help="cores per node (default: the largest rank count)")
    parser.add_argument("--note", default="", help="text for the table and the plot (e.g. the machine's load)")
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    runs = sorted((Run(path) for path in arguments.files), key=lambda run: run.ranks)
    cores = arguments.cores or max(run.ranks for run in runs)
    if arguments.mode == "strong" and len({run.frames for run in runs}) > 1:
        sys.exit("scaling_report: strong scaling needs the same frames in every file; got "
                 + ", ".join(f"{run.path}: {run.frames}" for run in runs))
    rows = report_rows(runs, cores, arguments.time)
    with open(arguments.output + ".md", "w") as table:
        table.write(markdown(rows, arguments.mode, arguments.time, cores, arguments.note))
    plot(rows, arguments.mode, arguments.time, cores, arguments.note, arguments.output + ".svg")
    print(f"scaling_report: {arguments.output}.md, {arguments.output}.svg from {len(runs)} runs")


if __name__ == "__main__":
    main()
