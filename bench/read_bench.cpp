// Miniapp: how fast hykal reads extended XYZ, and how that compares with ASE 3.22
// (ase.io.read(path, ':') with /usr/bin/python3), the reader users know.
//
// Usage: read_bench [file.xyz] [--repetitions R] [--no-ase]   (default: the GeTe data set, R = 5)
// Rows: the indexing pass alone (lines counted, no numbers parsed), the serial reader
// (index + full parse, one rank), and read_distributed on all ranks of MPI_COMM_WORLD (time of
// the slowest rank). Best of R of wall-clock and of CPU time; throughput = file size / time.
// Prints a table on rank 0 and one CSV line.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "hykal/io/frame_index.hpp"

#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <limits>
#include <string>
#include <sys/stat.h>

namespace {

struct Options {
  std::string path = HYKAL_BENCH_DEFAULT_XYZ;
  int repetitions = 5;
  bool with_ase = true;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (a + 1 < argc && arg == "--repetitions") options.repetitions = std::max(1, std::atoi(argv[++a]));
    else if (arg == "--no-ase") options.with_ase = false;
    else options.path = arg;
  }
  return options;
}

// Wall-clock and CPU seconds. On a shared machine the wall time depends on the load, the CPU
// time much less: both are reported.
struct Timing {
  double wall = std::numeric_limits<double>::infinity();
  double cpu = std::numeric_limits<double>::infinity();
};

// Best over repetitions of the slowest rank's times; `work` runs on every rank.
Timing best_time(int repetitions, const std::function<void()>& work) {
  Timing best;
  for (int r = 0; r < repetitions; ++r) {
    MPI_Barrier(MPI_COMM_WORLD);
    const double start = MPI_Wtime();
    const std::clock_t cpu_start = std::clock();
    work();
    double elapsed[2] = {MPI_Wtime() - start, static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC};
    MPI_Allreduce(MPI_IN_PLACE, elapsed, 2, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    best.wall = std::min(best.wall, elapsed[0]);
    best.cpu = std::min(best.cpu, elapsed[1]);
  }
  return best;
}

// ASE's own timing of the read (import excluded), best of `repetitions`; NaN if it failed.
Timing ase_time(const std::string& path, int repetitions) {
  const std::string command =
      "/usr/bin/python3 -c \"import sys, time, ase.io\n"
      "wall = cpu = 1e30\n"
      "for r in range(" + std::to_string(repetitions) + "):\n"
      "    w = time.perf_counter(); c = time.process_time(); frames = ase.io.read(sys.argv[1], ':')\n"
      "    wall = min(wall, time.perf_counter() - w); cpu = min(cpu, time.process_time() - c)\n"
      "print(wall, cpu)\" '" + path + "'";
  Timing timing{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return timing;
  if (std::fscanf(pipe, "%lf %lf", &timing.wall, &timing.cpu) != 2) timing.wall = timing.cpu = std::numeric_limits<double>::quiet_NaN();
  if (::pclose(pipe) != 0) timing.wall = timing.cpu = std::numeric_limits<double>::quiet_NaN();
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const Options options = parse(argc, argv);

  struct stat status {};
  if (::stat(options.path.c_str(), &status) != 0) {
    if (rank == 0) std::fprintf(stderr, "read_bench: cannot read %s\n", options.path.c_str());
    MPI_Finalize();
    return 1;
  }
  const double megabytes = static_cast<double>(status.st_size) / 1e6;

  std::size_t frames = 0;
  const Timing index_s = best_time(options.repetitions, [&] {
    if (rank == 0) frames = hykal::io::index_extxyz_file(options.path, 0).size();
  });
  const Timing serial_s = best_time(options.repetitions, [&] {
    if (rank == 0) frames = hykal::io::read_extxyz(options.path).size();
  });
  const Timing distributed_s = best_time(options.repetitions, [&] {
    hykal::io::read_distributed({options.path}, {}, MPI_COMM_WORLD);
  });
  const Timing ase_s = (rank == 0 && options.with_ase)
                           ? ase_time(options.path, options.repetitions)
                           : Timing{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};

  if (rank == 0) {
    std::printf("file: %s (%.2f MB, %zu frames), %d rank(s), best of %d\n", options.path.c_str(), megabytes, frames,
                size, options.repetitions);
    std::printf("%-34s %10s %10s %9s %10s %10s %9s\n", "reader", "wall (ms)", "MB/s", "vs ASE", "CPU (ms)", "MB/s",
                "vs ASE");
    const auto row = [&](const char* name, const Timing& t) {
      std::printf("%-34s %10.2f %10.1f %8.1fx %10.2f %10.1f %8.1fx\n", name, 1e3 * t.wall, megabytes / t.wall,
                  ase_s.wall / t.wall, 1e3 * t.cpu, megabytes / t.cpu, ase_s.cpu / t.cpu);
    };
    row("hykal index pass (1 rank)", index_s);
    row("hykal read_extxyz (1 rank)", serial_s);
    const std::string distributed = "hykal read_distributed (" + std::to_string(size) + " ranks)";
    row(distributed.c_str(), distributed_s);
    row("ASE 3.22 ase.io.read(path, ':')", ase_s);
    std::printf("csv,read_bench,ranks,%d,MB,%.3f,index_wall_s,%.6f,serial_wall_s,%.6f,distributed_wall_s,%.6f,"
                "ase_wall_s,%.6f,serial_cpu_s,%.6f,ase_cpu_s,%.6f\n",
                size, megabytes, index_s.wall, serial_s.wall, distributed_s.wall, ase_s.wall, serial_s.cpu, ase_s.cpu);
  }
  MPI_Finalize();
  return 0;
}
