#!/usr/bin/env bash
# Installs the Debian 12 packages hykal builds, tests and runs with (see docs/building.md).
# Run as root, or with sudo available. Idempotent.
# Optional group: --with-slurm adds Debian's SLURM and munge, with which tests/slurm/ runs the job
# scripts on a one-node cluster (CI installs them; a workstation does not need them).
# Usage: install-deps.sh [--with-slurm]
set -euo pipefail
packages=(
  cmake g++ make pkg-config git
  libopenmpi-dev openmpi-bin
  libscalapack-openmpi-dev libelpa-dev
  libhdf5-openmpi-dev hdf5-tools
  libeigen3-dev libboost-dev libboost-program-options-dev
  catch2 libopenblas-dev libnlopt-cxx-dev
  python3-ase python3-h5py python3-numpy python3-matplotlib
)
slurm_packages=(slurm-wlm munge)
for argument in "$@"; do
  case $argument in
    --with-slurm) packages+=("${slurm_packages[@]}") ;;
    *) echo "install-deps.sh: unknown option $argument (known: --with-slurm)" >&2; exit 1 ;;
  esac
done
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}"
