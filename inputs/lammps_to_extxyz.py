#!/usr/bin/env python3
"""Convert one LAMMPS plateau (dump + thermo table) to extended XYZ frames (ASE/QUIP format).

Used by inputs/make_example.sh to build hykal's bundled example data set; standard library
only, so it runs without ASE.

Inputs (LAMMPS metal units, orthogonal periodic box):
  --dump    a `dump custom` file with the columns element x y z fx fy fz (any order, any extra
            columns ignored), positions in Å and forces in eV/Å;
  --thermo  a `fix ave/time` file whose rows are
            step  pe  pxx pyy pzz pxy pxz pyz
            i.e. the potential energy (eV) and the virial part of the pressure tensor (bar,
            `compute pressure NULL virial`, no kinetic term) on the dumped steps.

Every dumped step must have a thermo row; thermo rows without a dumped step are ignored.

Output, one frame per dumped step, appended with --append:
  Lattice="…" Properties=species:S:1:pos:R:3:forces:R:3 energy=… virial="…"
  temperature=… config_type=… pbc="T T T"
The virial is ASE's: virial = −stress·V = P_virial·V in eV (9 numbers, row-major), where the
LAMMPS pressure tensor is converted with LAMMPS' own metal-unit factor so that the numbers are
exactly those LAMMPS computed.

A summary (frames, energy per atom range, largest |Σ forces| component) goes to stderr.
"""

import argparse
import sys

# LAMMPS metal units: pressure[bar] = energy[eV] / volume[Å^3] * NKTV2P (force.cpp, "metal").
NKTV2P_METAL = 1.6021765e6

POSITION_COLUMNS = ("x", "y", "z")
FORCE_COLUMNS = ("fx", "fy", "fz")
THERMO_COLUMNS = 8  # step pe pxx pyy pzz pxy pxz pyz


class ConversionError(Exception):
    pass


def read_thermo(path):
    """Map step -> (pe, [pxx, pyy, pzz, pxy, pxz, pyz]) from a fix ave/time file."""
    rows = {}
    with open(path) as handle:
        for line_number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                continue
            if len(fields) != THERMO_COLUMNS:
                raise ConversionError(
                    f"{path}:{line_number}: expected {THERMO_COLUMNS} columns "
                    f"(step pe pxx pyy pzz pxy pxz pyz), found {len(fields)}")
            values = [float(value) for value in fields[1:]]
            rows[int(fields[0])] = (values[0], values[1:])
    return rows


def read_box_bounds(handle, path, line_number):
    """Read the three 'lo hi' lines after ITEM: BOX BOUNDS; only orthogonal boxes."""
    bounds = []
    for axis in range(3):
        fields = handle.readline().split()
        if len(fields) != 2:
            raise ConversionError(
                f"{path}:{line_number + axis + 1}: box bounds: expected 'lo hi' of an "
                "orthogonal box (triclinic boxes are not supported)")
        bounds.append((float(fields[0]), float(fields[1])))
    return bounds


def read_dump(path):
    """Yield (step, bounds, atoms) per frame; atoms = [(element, (x, y, z), (fx, fy, fz))]."""
    with open(path) as handle:
        line_number = 0
        step = n_atoms = bounds = None
        while True:
            line = handle.readline()
            if not line:
                return
            line_number += 1
            if line.startswith("ITEM: TIMESTEP"):
                step = int(handle.readline())
                line_number += 1
            elif line.startswith("ITEM: NUMBER OF ATOMS"):
                n_atoms = int(handle.readline())
                line_number += 1
            elif line.startswith("ITEM: BOX BOUNDS"):
                if "xy" in line.split():
                    raise ConversionError(f"{path}:{line_number}: triclinic box not supported")
                bounds = read_box_bounds(handle, path, line_number)
                line_number += 3
            elif line.startswith("ITEM: ATOMS"):
                columns = line.split()[2:]
                missing = [c for c in ("element",) + POSITION_COLUMNS + FORCE_COLUMNS
                           if c not in columns]
                if missing:
                    raise ConversionError(
                        f"{path}:{line_number}: ATOMS: missing columns {' '.join(missing)}")
                index = {name: i for i, name in enumerate(columns)}
                atoms = []
                for _ in range(n_atoms):
                    fields = handle.readline().split()
                    line_number += 1
                    atoms.append((fields[index["element"]],
                                  tuple(float(fields[index[c]]) for c in POSITION_COLUMNS),
                                  tuple(float(fields[index[c]]) for c in FORCE_COLUMNS)))
                yield step, bounds, atoms
            else:
                raise ConversionError(f"{path}:{line_number}: unexpected line {line.strip()!r}")


def virial_from_pressure(pressure, volume):
    """ASE virial (eV, 3x3 row-major) from the LAMMPS virial pressure tensor (bar)."""
    pxx, pyy, pzz, pxy, pxz, pyz = (p * volume / NKTV2P_METAL for p in pressure)
    return [pxx, pxy, pxz, pxy, pyy, pyz, pxz, pyz, pzz]


def format_frame(bounds, atoms, energy, virial, temperature, config_type):
    lengths = [hi - lo for lo, hi in bounds]
    lattice = (f"{lengths[0]:.8f} 0.0 0.0 0.0 {lengths[1]:.8f} 0.0 0.0 0.0 {lengths[2]:.8f}")
    header = (f'Lattice="{lattice}" Properties=species:S:1:pos:R:3:forces:R:3 '
              f'energy={energy:.8f} virial="{" ".join(f"{v:.8f}" for v in virial)}" '
              f'temperature={temperature} config_type={config_type} pbc="T T T"')
    lines = [str(len(atoms)), header]
    for element, position, force in atoms:
        # Origin of the cell at the box's lower corner, as in the Lattice above.
        shifted = [p - lo for p, (lo, _) in zip(position, bounds)]
        lines.append(f"{element:<2s} " + " ".join(f"{v:14.8f}" for v in shifted) + " "
                     + " ".join(f"{f:14.8f}" for f in force))
    return "\n".join(lines) + "\n"


def convert(arguments):
    thermo = read_thermo(arguments.thermo)
    frames = []
    energies_per_atom = []
    largest_force_sum = 0.0
    for step, bounds, atoms in read_dump(arguments.dump):
        if step not in thermo:
            raise ConversionError(f"{arguments.dump}: step {step}: no row in {arguments.thermo}")
        energy, pressure = thermo[step]
        volume = 1.0
        for lo, hi in bounds:
            volume *= hi - lo
        frames.append(format_frame(bounds, atoms, energy, virial_from_pressure(pressure, volume),
                                   arguments.temperature, arguments.config_type))
        energies_per_atom.append(energy / len(atoms))
        for axis in range(3):
            largest_force_sum = max(largest_force_sum, abs(sum(f[axis] for _, _, f in atoms)))
    if not frames:
        raise ConversionError(f"{arguments.dump}: no frames")
    with open(arguments.output, "a" if arguments.append else "w") as handle:
        handle.writelines(frames)
    print(f"{arguments.config_type}: {len(frames)} frames, energy per atom "
          f"{min(energies_per_atom):.4f} .. {max(energies_per_atom):.4f} eV/atom, "
          f"largest |sum of forces| component {largest_force_sum:.2e} eV/Å", file=sys.stderr)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", required=True, help="LAMMPS dump custom file")
    parser.add_argument("--thermo", required=True, help="fix ave/time file: step pe p[6]")
    parser.add_argument("--temperature", required=True, type=int, help="label: target T in K")
    parser.add_argument("--config-type", required=True, help="label, e.g. melt_4000K")
    parser.add_argument("--output", required=True, help="extended XYZ file to write")
    parser.add_argument("--append", action="store_true", help="append instead of overwrite")
    return parser.parse_args()


if __name__ == "__main__":
    try:
        convert(parse_arguments())
    except (ConversionError, OSError, ValueError) as error:
        sys.exit(f"lammps_to_extxyz.py: {error}")
