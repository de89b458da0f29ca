# Sourced by the report scripts once they have read their arguments: one BLAS thread per rank and
# mpiexec as root, the data sets of ../shared/data, and the scratch directory $work (WORK, else a
# new temporary directory).
export OPENBLAS_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_sets=$(cd "$here/../../../shared/data" && pwd)
work=${WORK:-$(mktemp -d)}
# The GeTe melt-quench trajectory (680 frames × 216 atoms, 34 temperature plateaus) with the
# labels the reports compare against.
gete_data=(--data.files="$data_sets/GeTe_meltquench_nvnmd/GeTe_meltquench_20perT.xyz" --data.label_keys="temperature stage")
