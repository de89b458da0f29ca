# Sourced by the learning checks: a small data set for `hykal learn` that runs in seconds, and
# settings to match (the BO budget is set by each check). Every 10th frame of the bundled example (20 SiO2 frames of 96 atoms, all
# five temperature plateaus), then one-atom Si and O frames as e0 references, with Si given
# twice (a data set may repeat its references; the loop must use it once). The reference
# energies are round numbers of the right sign: the checks test the bookkeeping of the loop, not
# the physics of the potential.
source "$(dirname "${BASH_SOURCE[0]}")/example_subset.sh"

learn_subset() {  # source_dir, output file
  example_subset "$1" 10 "$2"
  for atom in "Si -3.0" "O -2.0" "Si -3.0"; do
    set -- "$1" "$2" $atom
    printf '1\nLattice="20.0 0.0 0.0 0.0 20.0 0.0 0.0 0.0 20.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=%s pbc="T T T"\n%s 0.0 0.0 0.0 0.0 0.0 0.0\n' \
      "$4" "$3" >> "$2"
  done
}

# Small descriptors for the clustering and a narrow, cheap GAP search space.
learn_settings=(--soap.n_max=4 --soap.l_max=3 --soap.r_cut=5.0 --clustering.delta_step=0.5 --clustering.max_clusters=5
                "--bo.soap_n_sparse=10 20" "--bo.two_body_n_sparse=5 10" "--bo.soap_l_max=2 3" "--bo.soap_n_max=2 3"
                "--bo.cutoff=3.5 4.5" --learning.i_perc=50 --learning.increment=25)
