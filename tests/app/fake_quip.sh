#!/bin/sh
# Stand-in for QUIP's quip, shared by check_quip_commands.sh and check_quip_learn.sh (each copies
# it into its scratch directory as `quip`). It reads two numbers back from the potential it is
# given (param_filename=), e (energy_per_atom, eV/atom) and k (force_factor, eV/Å²), and prints a
# log line, then for every frame of atoms_filename= (N atoms at positions r_i) the structure lines
# quip prints, prefixed "AT ": E = e·N under energy, F_i = k·(r_i − mean r) under force and the
# virial e·N·I, with 17 digits so that the checks can compute the same values from the positions.
for a in "$@"; do
  case $a in atoms_filename=*) atoms=${a#atoms_filename=} ;; param_filename=*) param=${a#param_filename=} ;; esac
done
e=$(sed -n 's/.*energy_per_atom="\([^"]*\)".*/\1/p' "$param")
k=$(sed -n 's/.*force_factor="\([^"]*\)".*/\1/p' "$param")
echo "fake quip: a log line before the structures"
awk -v e="$e" -v k="$k" '
  state == 0 { n = $1; print "AT " $0; state = 1; next }
  state == 1 { comment = $0; sub(/Properties=species:S:1:pos:R:3/, "Properties=species:S:1:pos:R:3:force:R:3", comment)
               i = 0; sx = sy = sz = 0; state = 2; next }
  state == 2 { ++i; line[i] = $0; x[i] = $2; y[i] = $3; z[i] = $4; sx += $2; sy += $3; sz += $4
               if (i < n) next
               w = e * n
               printf "AT %s energy=%.17g virial=\"%.17g 0 0 0 %.17g 0 0 0 %.17g\"\n", comment, w, w, w, w
               for (j = 1; j <= n; ++j)
                 printf "AT %s %.17g %.17g %.17g\n", line[j], k * (x[j] - sx / n), k * (y[j] - sy / n), k * (z[j] - sz / n)
               state = 0 }' "$atoms"
