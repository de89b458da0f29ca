#!/usr/bin/python3
"""DeePMD-kit system tree -> one extended XYZ file (the header keys of GeTe_meltquench_20perT.xyz).

Used by gete6400_mean.sh on ../shared/data/GeTe_meltquench_nvnmd/original (the data stay there;
the converted file goes to the report's scratch directory). The tree is
ROOT/<stage folder>/temp-<T>K/{type.raw, set.*/{box,coord,energy,force}.npy}; a stage folder
whose name contains "melt" is written in heating order (T ascending), one containing "quench" in
cooling order (T descending), stage folders in name order (s2-melt-1000K before s3-quench-300K),
which is the order of the MD run and of the bundled 680-frame file.

Every frame gets Lattice, Properties=species:S:1:pos:R:3:force:R:3, energy (eV, total),
temperature (K), stage, config_type (<stage>_<T>K), frame_in_source (index within the folder,
counted over its set.* directories in name order) and pbc="T T T", so the same
--data.label_keys="temperature stage" works on both files.

--every K keeps frames 0, K, 2K, ... of every folder. --check REFERENCE.xyz then reads the written
file back and compares every frame it shares with REFERENCE (same config_type and frame_in_source)
field by field after rounding both to float32 (the source precision): species, lattice, energy,
positions, forces, temperature, stage. It fails if a value differs or no frame is shared.

Numpy only; a small converter of our own (no Debian package reads DeePMD npy systems).
Usage: deepmd_to_extxyz.py ROOT OUTPUT.xyz [--every K] [--type-map Ge,Te] [--check REFERENCE.xyz]
"""
import argparse
import os
import re
import sys

import numpy as np


class ConversionError(Exception):
    pass


def stage_of(folder_name):
    for stage in ("melt", "quench"):
        if stage in folder_name:
            return stage
    raise ConversionError(f"{folder_name}: stage folder name contains neither 'melt' nor 'quench'")


def temperature_folders(stage_dir):
    """(temperature in K, path) of the temp-<T>K folders of one stage, in run order."""
    folders = []
    for name in os.listdir(stage_dir):
        match = re.fullmatch(r"temp-(\d+)K", name)
        if match:
            folders.append((int(match.group(1)), os.path.join(stage_dir, name)))
    if not folders:
        raise ConversionError(f"{stage_dir}: no temp-<T>K folder")
    return sorted(folders, reverse=stage_of(os.path.basename(stage_dir)) == "quench")


def systems(root):
    """(stage, temperature, system folder) of the whole tree, in run order."""
    if not os.path.isdir(root):
        raise ConversionError(f"{root}: no such directory")
    stage_dirs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if not stage_dirs:
        raise ConversionError(f"{root}: no stage folder")
    return [(stage_of(d), t, path)
            for d in stage_dirs for t, path in temperature_folders(os.path.join(root, d))]


def load(path, shape):
    """One npy array with the expected shape (None: any length on that axis)."""
    if not os.path.isfile(path):
        raise ConversionError(f"{path}: missing")
    array = np.load(path)
    if array.ndim == 2 and len(shape) == 1 and array.shape[1] == 1:
        array = array[:, 0]  # energy.npy is (F,) or (F, 1) in DeePMD systems
    if array.ndim != len(shape) or any(e is not None and e != a for e, a in zip(shape, array.shape)):
        expected = "(" + ", ".join("F" if e is None else str(e) for e in shape) + ")"
        raise ConversionError(f"{path}: shape {array.shape}, expected {expected}")
    return array


def read_system(folder, type_map):
    """Species, then box, coord, energy, force over every set.* of one DeePMD system."""
    type_file = os.path.join(folder, "type.raw")
    if not os.path.isfile(type_file):
        raise ConversionError(f"{type_file}: missing")
    types = np.loadtxt(type_file, dtype=int, ndmin=1)
    if types.min() < 0 or types.max() >= len(type_map):
        raise ConversionError(f"{type_file}: type {types.max()} has no element in the type map {type_map}")
    species = [type_map[t] for t in types]
    sets = sorted(d for d in os.listdir(folder) if d.startswith("set."))
    if not sets:
        raise ConversionError(f"{folder}: no set.* directory")
    n = len(species)
    parts = []
    for s in sets:
        d = os.path.join(folder, s)
        box = load(os.path.join(d, "box.npy"), (None, 9))
        frames = box.shape[0]
        parts.append((box, load(os.path.join(d, "coord.npy"), (frames, 3 * n)),
                      load(os.path.join(d, "energy.npy"), (frames,)),
                      load(os.path.join(d, "force.npy"), (frames, 3 * n))))
    return species, [np.concatenate(p) for p in zip(*parts)]


def write(root, path, every, type_map):
    """Writes the frames of the tree to PATH; returns the frame count."""
    written = 0
    with open(path, "w") as out:
        for stage, temperature, folder in systems(root):
            species, (box, coord, energy, force) = read_system(folder, type_map)
            for f in range(0, len(box), every):
                lattice = " ".join("%.10f" % v for v in box[f])
                out.write(f"{len(species)}\n"
                          f'Lattice="{lattice}" Properties=species:S:1:pos:R:3:force:R:3 '
                          f"energy={energy[f]:.10f} temperature={temperature} stage={stage} "
                          f'config_type={stage}_{temperature}K frame_in_source={f} pbc="T T T"\n')
                table = np.hstack([coord[f].reshape(-1, 3), force[f].reshape(-1, 3)]).astype(np.float64)
                out.writelines("%-2s  %15.8f %15.8f %15.8f %15.8f %15.8f %15.8f\n" % (s, *row)
                               for s, row in zip(species, table))
                written += 1
    return written


def frames(path):
    """Frames of an extended XYZ file written as above: (header dict, species, 6-column table)."""
    with open(path) as lines:
        for count in lines:
            header = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', next(lines)))
            atoms = [next(lines).split() for _ in range(int(count))]
            yield header, [a[0] for a in atoms], np.array([a[1:7] for a in atoms], dtype=np.float64)


def check(output, reference, name):
    """Compares the frames OUTPUT (called NAME in messages) shares with REFERENCE at float32
    precision; returns the count compared and the reference's frame count."""
    wanted = {}
    for header, species, table in frames(reference):
        wanted[(header["config_type"], header["frame_in_source"])] = (header, species, table)
    f32 = lambda values: np.asarray(values, dtype=np.float64).astype(np.float32)
    compared = 0
    for index, (header, species, table) in enumerate(frames(output)):
        key = (header["config_type"], header["frame_in_source"])
        if key not in wanted:
            continue
        ref_header, ref_species, ref_table = wanted[key]
        where = f"{name} frame {index} ({key[0]} frame_in_source={key[1]}) against {reference}"
        lattice = lambda h: f32(h["Lattice"].strip('"').split())
        if species != ref_species:
            raise ConversionError(f"{where}: species differ")
        for field in ("temperature", "stage"):
            if header[field] != ref_header[field]:
                raise ConversionError(f"{where}: {field} {header[field]} != {ref_header[field]}")
        if not np.array_equal(lattice(header), lattice(ref_header)):
            raise ConversionError(f"{where}: Lattice differs")
        if f32(float(header["energy"])) != f32(float(ref_header["energy"])):
            raise ConversionError(f"{where}: energy {header['energy']} != {ref_header['energy']}")
        mismatch = np.argwhere(f32(table) != f32(ref_table))
        if len(mismatch):
            atom, column = mismatch[0]
            name = ("x", "y", "z", "force x", "force y", "force z")[column]
            raise ConversionError(f"{where}: atom {atom} {name} {table[atom, column]} != {ref_table[atom, column]}")
        compared += 1
    if compared == 0:
        raise ConversionError(f"{name}: no frame in common with {reference}")
    return compared, len(wanted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", help="DeePMD tree: <stage folder>/temp-<T>K/{type.raw,set.*}")
    parser.add_argument("output", help="extended XYZ file to write")
    parser.add_argument("--every", type=int, default=1, help="keep every K-th frame of each folder")
    parser.add_argument("--type-map", default="Ge,Te", help="elements of types 0, 1, ... (default Ge,Te)")
    parser.add_argument("--check", metavar="REFERENCE", help="compare the shared frames with this extended XYZ file")
    args = parser.parse_args()
    if args.every < 1:
        parser.error("--every must be at least 1")
    # Written as OUTPUT.partial and renamed once converted and checked: a half-written or
    # mismatching file must not pass for a converted one (gete6400_mean.sh reuses OUTPUT).
    partial = args.output + ".partial"
    try:
        written = write(args.root, partial, args.every, args.type_map.split(","))
        print(f"{args.output}: {written} frames (every {args.every}. frame of each folder)")
        if args.check:
            compared, total = check(partial, args.check, args.output)
            print(f"check: {compared} of the {total} frames of {args.check} are in {args.output}; "
                  "species, lattice, energy, positions, forces, temperature and stage agree at float32 precision")
        os.replace(partial, args.output)
    except ConversionError as error:
        sys.exit(f"deepmd_to_extxyz.py: {error}")
    finally:
        if os.path.exists(partial):
            os.remove(partial)


if __name__ == "__main__":
    main()
