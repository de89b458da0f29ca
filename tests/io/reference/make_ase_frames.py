#!/usr/bin/python3
# Writes ase_frames.tsv: every frame of the shared data sets as ASE reads it (file, frame index
# in the file, atom count, total energy in eV printed with repr, i.e. every bit of the double).
# The reference of tests/io/test_extxyz_datasets.cpp and tests/app/check_info.sh.
# Produced with ASE 3.22.1 (Debian python3-ase) by:
#   /usr/bin/python3 tests/io/reference/make_ase_frames.py ../shared/data > tests/io/reference/ase_frames.tsv
import sys

import ase
import ase.io

FILES = [
    "AsTe3_mkcamlip/train.xyz",
    "AsTe3_mkcamlip/valid.xyz",
    "TeO2_glass_mkcamlip/valid.xyz",
    "GeTe_meltquench_nvnmd/GeTe_meltquench_20perT.xyz",
]

data = sys.argv[1]
print(f"# ase.io.read(path, ':') with ASE {ase.__version__}: file, frame, atoms, energy (eV)")
for name in FILES:
    for frame, atoms in enumerate(ase.io.read(f"{data}/{name}", ":")):
        print(f"{name}\t{frame}\t{len(atoms)}\t{atoms.get_potential_energy()!r}")
