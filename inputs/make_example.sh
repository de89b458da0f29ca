#!/usr/bin/env bash
# make_example.sh: regenerates hykal's bundled example data set.
#
# Makes inputs/example/sio2_meltquench.xyz: 200 frames of a melt-quench of amorphous SiO2,
# 96 atoms (32 Si + 64 O) in a cubic periodic box at 2.2 g/cm^3, from classical MD with the
# Vashishta (1990) SiO2 potential in LAMMPS. Five NVT plateaus (Nose-Hoover, 1 fs step):
#   melt_4000K, quench_3000K, quench_2000K, quench_1000K, glass_300K
# Each plateau is reached by a linear 2 ps ramp of the thermostat target from the previous one
# (the melt instead starts from a minimised random structure), held 2 ps (melt: 5 ps), then
# sampled for 4 ps: one frame every 100 steps, 40 frames per plateau.
# Every frame carries the potential energy (eV), forces (eV/A), the virial (eV, ASE sign:
# -stress*volume, potential part only), temperature=<plateau target, K> and config_type.
# The LAMMPS dumps are converted by inputs/lammps_to_extxyz.py (python3, standard library).
#
# Needs: Debian packages lammps and lammps-data (`apt-get install -y lammps lammps-data`; the
#        binary `lmp` and /usr/share/lammps/potentials/SiO.1990.vashishta), python3.
#        Override with LMP=/path/to/lmp and POTENTIAL=/path/to/SiO.1990.vashishta.
# Time:  about 1 minute of CPU time on one core (44 000 MD steps of 96 atoms, run serially);
#        the wall time grows on a busy machine (2.5-6 min on the shared development machine).
# Seeds: fixed (below), LAMMPS runs on one process, so a rerun with the same LAMMPS build
#        reproduces the file exactly; another build or CPU may differ in the last digits.
#
# Usage: inputs/make_example.sh          (from any directory; writes next to this script)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
output_dir="${here}/example"
output="${output_dir}/sio2_meltquench.xyz"
LMP="${LMP:-lmp}"
POTENTIAL="${POTENTIAL:-/usr/share/lammps/potentials/SiO.1990.vashishta}"

# Composition, density and seeds of the example.
n_si=32
n_o=64
density_g_cm3=2.2
soft_range_A=1.8       # range of the soft repulsion that separates the random positions
seed_si=4928459
seed_o=7193857
seed_velocity=2718281

# Schedule in MD steps of 1 fs.
ramp_steps=2000
hold_steps=2000
melt_hold_steps=5000
sample_every=100
samples_per_plateau=40
temperatures=(4000 3000 2000 1000 300)
config_types=(melt_4000K quench_3000K quench_2000K quench_1000K glass_300K)

command -v "${LMP}" >/dev/null || { echo "make_example.sh: ${LMP} not found (apt-get install lammps)" >&2; exit 1; }
[ -r "${POTENTIAL}" ] || { echo "make_example.sh: ${POTENTIAL} not readable (apt-get install lammps-data)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

# LAMMPS input: the set-up, then one block per plateau appended by the loop below.
cat > "${work}/in.meltquench" <<EOF
units           metal
atom_style      atomic
boundary        p p p

variable        mass_g equal (${n_si}*28.0855+${n_o}*15.9994)/6.02214076e23
variable        side equal (v_mass_g/${density_g_cm3}*1.0e24)^(1.0/3.0)
region          cell block 0 \${side} 0 \${side} 0 \${side} units box
create_box      2 cell
mass            1 28.0855
mass            2 15.9994
create_atoms    1 random ${n_si} ${seed_si} NULL
create_atoms    2 random ${n_o} ${seed_o} NULL

# Push overlapping random atoms apart with a growing soft repulsion (this LAMMPS has no
# create_atoms overlap keyword), so that the minimisation below starts without close pairs.
pair_style      soft ${soft_range_A}
pair_coeff      * * 0.0
variable        soft_prefactor equal ramp(0.0,60.0)
fix             push all adapt 1 pair soft a * * v_soft_prefactor
fix             limited all nve/limit 0.1
timestep        0.001
run             2000
unfix           limited
unfix           push
velocity        all set 0.0 0.0 0.0

pair_style      vashishta
pair_coeff      * * ${POTENTIAL} Si O
neighbor        1.0 bin
neigh_modify    every 1 delay 0 check yes

thermo          1000
thermo_style    custom step temp pe press
minimize        1.0e-8 1.0e-4 2000 20000
reset_timestep  0

compute         virial_pressure all pressure NULL virial
velocity        all create ${temperatures[0]} ${seed_velocity} mom yes rot yes dist gaussian
EOF

step=0
previous_temperature=${temperatures[0]}
for i in "${!temperatures[@]}"; do
  temperature=${temperatures[$i]}
  name=${config_types[$i]}
  if [ "$i" -eq 0 ]; then
    equilibration="fix             hold all nvt temp ${temperature} ${temperature} 0.1
run             ${melt_hold_steps}"
    step=$((step + melt_hold_steps))
  else
    equilibration="fix             ramp all nvt temp ${previous_temperature} ${temperature} 0.1
run             ${ramp_steps}
unfix           ramp
fix             hold all nvt temp ${temperature} ${temperature} 0.1
run             ${hold_steps}"
    step=$((step + ramp_steps + hold_steps))
  fi
  sample_steps=$((samples_per_plateau * sample_every))
  # Frames on steps after the hold only (delay), energies and virial on the same steps.
  cat >> "${work}/in.meltquench" <<EOF

# plateau ${name}
${equilibration}
fix             table all ave/time ${sample_every} 1 ${sample_every} c_thermo_pe &
                c_virial_pressure[1] c_virial_pressure[2] c_virial_pressure[3] &
                c_virial_pressure[4] c_virial_pressure[5] c_virial_pressure[6] &
                format " %.12g" file ${work}/${name}.thermo
dump            frames all custom ${sample_every} ${work}/${name}.dump element x y z fx fy fz
dump_modify     frames element Si O sort id format float %.12g delay $((step + sample_every))
run             ${sample_steps}
undump          frames
unfix           table
unfix           hold
EOF
  step=$((step + sample_steps))
  previous_temperature=${temperature}
done

start=$(date +%s)
(cd "${work}" && "${LMP}" -nocite -log "${work}/log.lammps" -screen none -in in.meltquench) || {
  echo "make_example.sh: LAMMPS failed, end of its log:" >&2; tail -n 20 "${work}/log.lammps" >&2; exit 1; }
head -n 1 "${work}/log.lammps" | sed 's/^/make_example.sh: /'
echo "make_example.sh: ${step} MD steps in $(( $(date +%s) - start )) s"

mkdir -p "${output_dir}"
append=""
for i in "${!temperatures[@]}"; do
  python3 "${here}/lammps_to_extxyz.py" --dump "${work}/${config_types[$i]}.dump" \
    --thermo "${work}/${config_types[$i]}.thermo" --temperature "${temperatures[$i]}" \
    --config-type "${config_types[$i]}" --output "${output}" ${append}
  append="--append"
done
echo "make_example.sh: wrote ${output}"
