"""Per-frame comparison of hykal's predictions with the authors' gap_fit potential (issue 8).

Reads the DFT frames (DATA/{train,valid}.xyz), the authors' predictions
(DATA/gap_predictions/{train,valid}_Gap.xyz, quip's keys `energy`, `force`) and ours
(WORK/{train,valid}-gap.xyz, keys `gap_energy`, `gap_forces`); one-atom frames are left out.
Prints, per set: the energy and force RMSEs of both potentials against DFT, and the
differences between the two potentials (RMS and largest, per frame and per component).
Usage: gap_authors_compare.py DATA WORK
"""
import sys

import numpy as np
from ase.io import read


def bulk(path):
    return [frame for frame in read(path, ":") if len(frame) > 1]


def main(data, work):
    print(f"{'set':>6} {'frames':>6} {'E ours':>9} {'E authors':>10} {'ΔE RMS':>9} {'ΔE max':>9}"
          f" {'F ours':>8} {'F authors':>10} {'ΔF RMS':>9} {'ΔF max':>9}")
    print(f"{'':>6} {'':>6} {'meV/atom':>9} {'meV/atom':>10} {'meV/atom':>9} {'meV/atom':>9}"
          f" {'eV/Å':>8} {'eV/Å':>10} {'eV/Å':>9} {'eV/Å':>9}")
    for name in ("train", "valid"):
        reference = bulk(f"{data}/{name}.xyz")
        authors = bulk(f"{data}/gap_predictions/{name}_Gap.xyz")
        ours = bulk(f"{work}/{name}-gap.xyz")
        atoms = np.array([len(frame) for frame in reference])
        e_ref = np.array([frame.info["energy"] for frame in reference])
        e_authors = np.array([frame.info["energy"] for frame in authors])
        e_ours = np.array([frame.info["gap_energy"] for frame in ours])
        f_ref = np.concatenate([frame.arrays["force"].ravel() for frame in reference])
        f_authors = np.concatenate([frame.arrays["force"].ravel() for frame in authors])
        f_ours = np.concatenate([frame.arrays["gap_forces"].ravel() for frame in ours])

        def rms(x):
            return float(np.sqrt(np.mean(np.square(x))))

        de = 1000 * (e_ours - e_authors) / atoms
        df = f_ours - f_authors
        print(f"{name:>6} {len(atoms):>6} {rms(1000 * (e_ours - e_ref) / atoms):9.4f}"
              f" {rms(1000 * (e_authors - e_ref) / atoms):10.4f} {rms(de):9.1e} {np.abs(de).max():9.1e}"
              f" {rms(f_ours - f_ref):8.4f} {rms(f_authors - f_ref):10.4f} {rms(df):9.1e} {np.abs(df).max():9.1e}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
