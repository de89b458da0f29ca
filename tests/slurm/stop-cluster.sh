#!/usr/bin/env bash
# Stops the SLURM that start-cluster.sh started in STATE_DIR: cancels its jobs, then ends
# slurmd, slurmctld and munged by the pids they recorded there (no other process is touched).
# Usage: stop-cluster.sh STATE_DIR
set -uo pipefail
state=${1:?usage: stop-cluster.sh STATE_DIR}
export SLURM_CONF=$state/slurm.conf
[ -f "$SLURM_CONF" ] && scancel --full --user=root 2> /dev/null
stop() {  # pid file: TERM, then KILL after 10 s
  local pid
  pid=$(cat "$1" 2> /dev/null) || return 0
  kill "$pid" 2> /dev/null || return 0
  for _ in $(seq 20); do kill -0 "$pid" 2> /dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2> /dev/null
}
stop "$state/slurmd.pid"
stop "$state/slurmctld.pid"
stop "$state/munge/munged.pid"
echo "stop-cluster: SLURM in $state stopped"
