#!/usr/bin/env bash
# Brings up a private one-node SLURM (Debian slurm-wlm 22.05 + munge) for testing the job
# scripts: munged, slurmctld and slurmd as root, every file (key, sockets, spool, logs, pids,
# slurm.conf) under STATE_DIR, so nothing in /etc is touched and a system SLURM, if any, is left
# alone. Ports are picked free at start. Plugins as checked on Debian 12 (../shared/BUILD-NOTES.md):
# proctrack/linuxproc, task/none, select/cons_tres, MPI through srun --mpi=pmix.
# Usage: start-cluster.sh STATE_DIR [CPUS]   then   export SLURM_CONF=STATE_DIR/slurm.conf
# CPUS (default: nproc) above the real count declares an oversubscribed node (slurmd's
# config_overrides), e.g. 4 on a 2-core machine for a scaling study at 1, 2 and 4 ranks.
# Exit status: 0 cluster up (node idle); 2 SLURM cannot run here (not root, missing programs);
# 1 it should run but did not come up (the logs in STATE_DIR say why). Stop it with stop-cluster.sh.
set -euo pipefail
state=${1:?usage: start-cluster.sh STATE_DIR}
mkdir -p "$state"
state=$(cd "$state" && pwd)

cannot_run() { echo "start-cluster: SLURM cannot run here: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || cannot_run "slurmd must run as root (this is uid $(id -u))"
for program in munged mungekey slurmctld slurmd sbatch sinfo scontrol; do
  command -v "$program" > /dev/null || cannot_run "$program not found (scripts/install-deps.sh --with-slurm)"
done

mkdir -p "$state/munge" "$state/spool/ctld" "$state/spool/d" "$state/log"
chmod 700 "$state/munge"
[ -s "$state/munge/munge.key" ] || mungekey --create --keyfile="$state/munge/munge.key" --bits=1024 2> /dev/null
chmod 600 "$state/munge/munge.key"
# --force: munged otherwise refuses socket and log directories it did not expect (e.g. /tmp).
munged --force --socket="$state/munge/socket" --key-file="$state/munge/munge.key" \
       --pid-file="$state/munge/munged.pid" --log-file="$state/log/munged.log" \
       --seed-file="$state/munge/seed"

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
host=$(hostname -s)
cpus=${2:-$(nproc)}
overrides=""
[ "$cpus" -le "$(nproc)" ] || overrides="SlurmdParameters=config_overrides"
memory_mb=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) / 1024 * 9 / 10 ))
cat > "$state/slurm.conf" <<CONF
ClusterName=hykal-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/socket
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=600
$overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
export SLURM_CONF=$state/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"

# Up when the node reports idle; bounded wait.
for _ in $(seq 60); do
  if [ "$(sinfo -h -n "$host" -o %T 2> /dev/null)" = idle ]; then
    echo "start-cluster: one-node SLURM up: node $host, $cpus CPUs; export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 1
done
echo "start-cluster: the node did not become idle within 60 s; sinfo says: $(sinfo -h -o '%T %E' 2>&1)" >&2
tail -n 20 "$state/log/slurmctld.log" "$state/log/slurmd.log" >&2 || true
exit 1
