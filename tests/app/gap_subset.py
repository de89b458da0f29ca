#!/usr/bin/env python3
"""Frames of an extended XYZ file, picked by index, written to another file, optionally with the
force columns removed (for the test of gap.sigma_force without forces): the small data sets of
the GAP command checks, cut from ../shared/data/AsTe3_mkcamlip.
Usage: gap_subset.py SOURCE DESTINATION INDEX... [--no-forces]   (negative indices count from the end)"""
import sys


def frames(path):
    lines = open(path).read().splitlines(True)
    start = 0
    while start < len(lines):
        count = int(lines[start])
        yield lines[start:start + count + 2]
        start += count + 2


def without_forces(frame):
    # Properties=species:S:1:pos:R:3:force:R:3 → the first four columns of every atom line.
    comment = frame[1].replace(":force:R:3", "").replace(":forces:R:3", "")
    return [frame[0], comment] + [" ".join(line.split()[:4]) + "\n" for line in frame[2:]]


source, destination, *rest = sys.argv[1:]
drop_forces = "--no-forces" in rest
indices = [int(word) for word in rest if word != "--no-forces"]
every = list(frames(source))
with open(destination, "w") as out:
    for index in indices:
        frame = every[index]
        out.writelines(without_forces(frame) if drop_forces else frame)
