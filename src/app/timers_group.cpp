#include "hykal/app/timers_group.hpp"

#include "hykal/io/hdf5.hpp"

#include <cstring>

namespace hykal::app {
namespace {

constexpr std::size_t stage_length = 64;

struct TimerRecord {
  char stage[stage_length];
  double min_seconds, avg_seconds, max_seconds;
  double min_cpu_seconds, avg_cpu_seconds, max_cpu_seconds;
  double min_peak_mb, avg_peak_mb, max_peak_mb;
};

}  // namespace

void write_timers_group(hid_t file, MPI_Comm comm, const std::vector<util::StageTime>& rows) {
  namespace hdf5 = io::hdf5;
  hdf5::Handle name_type = hdf5::fixed_string_type(stage_length);
  hdf5::Handle record_type(H5Tcreate(H5T_COMPOUND, sizeof(TimerRecord)));
  H5Tinsert(record_type, "stage", HOFFSET(TimerRecord, stage), name_type);
  H5Tinsert(record_type, "min_seconds", HOFFSET(TimerRecord, min_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "avg_seconds", HOFFSET(TimerRecord, avg_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "max_seconds", HOFFSET(TimerRecord, max_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "min_cpu_seconds", HOFFSET(TimerRecord, min_cpu_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "avg_cpu_seconds", HOFFSET(TimerRecord, avg_cpu_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "max_cpu_seconds", HOFFSET(TimerRecord, max_cpu_seconds), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "min_peak_mb", HOFFSET(TimerRecord, min_peak_mb), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "avg_peak_mb", HOFFSET(TimerRecord, avg_peak_mb), H5T_NATIVE_DOUBLE);
  H5Tinsert(record_type, "max_peak_mb", HOFFSET(TimerRecord, max_peak_mb), H5T_NATIVE_DOUBLE);

  std::vector<TimerRecord> records(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::memset(records[i].stage, 0, stage_length);
    rows[i].stage.copy(records[i].stage, stage_length - 1);
    records[i].min_seconds = rows[i].min_seconds;
    records[i].avg_seconds = rows[i].avg_seconds;
    records[i].max_seconds = rows[i].max_seconds;
    records[i].min_cpu_seconds = rows[i].min_cpu_seconds;
    records[i].avg_cpu_seconds = rows[i].avg_cpu_seconds;
    records[i].max_cpu_seconds = rows[i].max_cpu_seconds;
    records[i].min_peak_mb = rows[i].min_peak_mb;
    records[i].avg_peak_mb = rows[i].avg_peak_mb;
    records[i].max_peak_mb = rows[i].max_peak_mb;
  }
  // Every rank holds the same table: rank 0 writes it, the others take part with no rows.
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  hdf5::write_rows(file, "timers", record_type, records.size(), 0, 0, rank == 0 ? records.size() : 0, records.data());
}

}  // namespace hykal::app
