#!/usr/bin/env python3
"""Checks of `hykal predict`'s output against its input, in plain Python (no hykal code):
  - every comment-line key of each input frame is in the output with the same value text, and
    each output atom line starts with the input atom line's columns unchanged (reference keys
    untouched);
  - gap_energy, gap_forces (per atom) and gap_virial (9 numbers) are present;
  - frames with more than one atom: the predicted forces sum to zero (a potential of the
    relative positions only: Newton's third law), within 1e-8 eV/Å;
  - the RMSEs of E/N (meV/atom), force components (eV/Å) and virial/N (meV/atom) over the
    frames with more than one atom, printed as `E F V` for the shell script to compare with
    hykal's table.
Usage: check_gap_predictions.py INPUT.xyz OUTPUT.xyz"""
import math
import shlex
import sys


def frames(path):
    lines = open(path).read().splitlines()
    start = 0
    while start < len(lines):
        count = int(lines[start])
        yield lines[start + 1], lines[start + 2:start + 2 + count]
        start += count + 2


def entries(comment):
    result = {}
    for word in shlex.split(comment):
        key, _, value = word.partition("=")
        result[key] = value
    return result


def columns(properties):
    fields = properties.split(":")
    result, start = {}, 0
    for i in range(0, len(fields), 3):
        width = int(fields[i + 2])
        result[fields[i]] = (start, width)
        start += width
    return result


problems = []
squares = {"E": [0.0, 0], "F": [0.0, 0], "V": [0.0, 0]}
pairs = list(zip(frames(sys.argv[1]), frames(sys.argv[2])))
if len(pairs) != len(list(frames(sys.argv[1]))) or len(pairs) != len(list(frames(sys.argv[2]))):
    problems.append("frame counts differ")
for number, ((comment_in, atoms_in), (comment_out, atoms_out)) in enumerate(pairs):
    given, written = entries(comment_in), entries(comment_out)
    for key, value in given.items():
        if written.get(key) != value and key != "Properties":
            problems.append(f"frame {number}: {key} changed")
    if not written["Properties"].startswith(given["Properties"] + ":"):
        problems.append(f"frame {number}: Properties changed")
    if len(atoms_in) != len(atoms_out):
        problems.append(f"frame {number}: atom count changed")
    for line_in, line_out in zip(atoms_in, atoms_out):
        if line_out.split()[:len(line_in.split())] != line_in.split():
            problems.append(f"frame {number}: atom line changed: {line_in!r}")
            break
    for key in ("gap_energy", "gap_virial"):
        if key not in written:
            problems.append(f"frame {number}: no {key}")
    layout = columns(written["Properties"])
    if "gap_forces" not in layout:
        problems.append(f"frame {number}: no gap_forces column")
        continue
    n = len(atoms_out)
    rows = [line.split() for line in atoms_out]
    predicted = [[float(r[layout["gap_forces"][0] + c]) for c in range(3)] for r in rows]
    energy = float(written["gap_energy"])
    if n == 1:
        continue  # the isolated-atom references: left out of the RMSEs
    total = [sum(f[c] for f in predicted) for c in range(3)]
    if max(abs(t) for t in total) > 1e-8:
        problems.append(f"frame {number}: predicted forces sum to {total}")
    squares["E"][0] += ((energy - float(given["energy"])) / n) ** 2
    squares["E"][1] += 1
    force_key = "force" if "force" in layout else "forces"
    for r, f in zip(rows, predicted):
        for c in range(3):
            squares["F"][0] += (f[c] - float(r[layout[force_key][0] + c])) ** 2
            squares["F"][1] += 1
    reference_virial = [float(x) for x in given["virial"].split()]
    predicted_virial = [float(x) for x in written["gap_virial"].split()]
    for a, b in zip(reference_virial, predicted_virial):
        squares["V"][0] += ((b - a) / n) ** 2
        squares["V"][1] += 1
for problem in problems:
    print("PROBLEM:", problem)
rms = {k: math.sqrt(s / c) for k, (s, c) in squares.items()}
print(f"{1000 * rms['E']:.4f} {rms['F']:.5f} {1000 * rms['V']:.4f}")
sys.exit(1 if problems else 0)
