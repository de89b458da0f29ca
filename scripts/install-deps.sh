#!/usr/bin/env bash
# Installs the Debian 12 packages hykal builds, tests and runs with (see docs/building.md).
# Run as root, or with sudo available. Idempotent.
set -euo pipefail
packages=(
  cmake g++ make pkg-config git
  libopenmpi-dev openmpi-bin
  libscalapack-openmpi-dev libelpa-dev
  libhdf5-openmpi-dev hdf5-tools
  libeigen3-dev libboost-dev libboost-program-options-dev
  catch2 libopenblas-dev libnlopt-cxx-dev
  python3-ase python3-h5py python3-numpy
)
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}"
