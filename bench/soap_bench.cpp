// SOAP throughput: atom environments per second per core (issue 3), on the two systems of the
// paper: As60Te180 glass (240 atoms, AsTe3_mkcamlip/train.xyz) and Te160O320 glass (480 atoms,
// TeO2_glass_mkcamlip/valid.xyz); n_max = l_max = 8, r_cut 6 Å, sigma 0.5 Å, periodic, both
// radial bases, on one rank and on all ranks (frames split round-robin).
//
// usage: mpiexec -n 2 soap_bench [data_dir] [repetitions]
// Prints a table, then where the time goes on one rank (neighbour list, coefficients, power
// spectrum), and one CSV line per row for scripts.
#include "hykal/descriptors/neighbour_list.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include <mpi.h>

#include <cstdio>
#include <ctime>
#include <numeric>
#include <string>
#include <vector>

using namespace hykal;
using namespace hykal::descriptors;

namespace {

struct System {
  std::string name;
  std::string file;
  std::size_t n_atoms;
  int n_frames;
};

std::vector<io::Frame> frames_of(const std::string& path, std::size_t n_atoms, int n_frames) {
  std::vector<io::Frame> selected;
  for (io::Frame& frame : io::read_extxyz(path))
    if (frame.n_atoms() == n_atoms && static_cast<int>(selected.size()) < n_frames)
      selected.push_back(std::move(frame));
  return selected;
}

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

// Wall seconds of the slowest rank and CPU seconds summed over ranks for `repetitions` passes of
// work over the frames this rank owns. The machine may be shared: CPU seconds give the rate per
// core actually received, wall seconds what a user waits.
struct Timing {
  double wall = 0.0, cpu = 0.0;
};

template <class Work>
Timing timed(const std::vector<io::Frame>& frames, int first, int stride, int repetitions, Work work) {
  MPI_Barrier(MPI_COMM_WORLD);
  const double wall_start = MPI_Wtime(), cpu_start = cpu_seconds();
  for (int r = 0; r < repetitions; ++r)
    for (std::size_t f = first; f < frames.size(); f += stride) work(frames[f]);
  const double mine[2] = {MPI_Wtime() - wall_start, cpu_seconds() - cpu_start};
  Timing total;
  MPI_Allreduce(&mine[0], &total.wall, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  MPI_Allreduce(&mine[1], &total.cpu, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::string data = argc > 1 ? argv[1] : HYKAL_BENCH_DATA_DIR;
  const int repetitions = argc > 2 ? std::stoi(argv[2]) : 3;

  const std::vector<System> systems = {
      {"As60Te180", data + "/AsTe3_mkcamlip/train.xyz", 240, 4},
      {"Te160O320", data + "/TeO2_glass_mkcamlip/valid.xyz", 480, 2}};
  if (rank == 0)
    std::printf("SOAP n_max = l_max = 8, r_cut 6 Å, sigma 0.5 Å, periodic; %d rank(s), %d repetitions\n\n"
                "%-10s %-10s %5s %9s %13s %15s %8s %15s\n", size, repetitions, "system", "basis",
                "ranks", "setup (s)", "env/s (wall)", "env/s/core wall", "speedup", "env/s/core CPU");
  std::vector<std::string> csv, breakdown;
  for (const System& system : systems) {
    const std::vector<io::Frame> frames = frames_of(system.file, system.n_atoms, system.n_frames);
    const double environments = double(system.n_atoms) * double(frames.size()) * repetitions;
    for (RadialBasisType basis : {RadialBasisType::polynomial, RadialBasisType::gto}) {
      SoapSettings settings;
      settings.basis = basis;
      settings.n_max = 8;
      settings.l_max = 8;
      settings.r_cut = 6.0;
      settings.sigma = 0.5;
      settings.periodic = true;
      settings.species = frames.front().atomic_numbers;
      const double setup_start = MPI_Wtime();
      const SoapCalculator soap(settings);
      const double setup = MPI_Wtime() - setup_start;
      auto per_atom = [&](const io::Frame& frame) { soap.per_atom(frame); };

      // One rank: rank 0 does every frame while the others wait.
      const Timing one = timed(frames, rank == 0 ? 0 : int(frames.size()), 1, repetitions, per_atom);
      const Timing all = timed(frames, rank, size, repetitions, per_atom);
      if (rank == 0) {
        std::vector<std::pair<int, Timing>> rows = {{1, one}};
        if (size > 1) rows.emplace_back(size, all);
        for (auto [ranks, timing] : rows) {
          const double rate = environments / timing.wall, rate_cpu = environments / timing.cpu;
          std::printf("%-10s %-10s %5d %9.2f %13.0f %15.0f %8.2f %15.0f\n", system.name.c_str(),
                      to_string(basis).c_str(), ranks, setup, rate, rate / ranks,
                      one.wall / timing.wall, rate_cpu);
          csv.push_back(system.name + "," + to_string(basis) + "," + std::to_string(ranks) + "," +
                        std::to_string(rate / ranks) + "," + std::to_string(rate_cpu));
        }
      }

      // Where the time goes, one rank: neighbour list, + coefficients, + power spectrum.
      std::vector<int> all_atoms(system.n_atoms);
      std::iota(all_atoms.begin(), all_atoms.end(), 0);
      const int owner = rank == 0 ? 0 : int(frames.size());
      const double t_neighbours = timed(frames, owner, 1, repetitions, [&](const io::Frame& frame) {
        build_neighbour_list(frame, neighbour_cutoff(soap.settings()), true);
      }).cpu;
      const double t_coefficients = timed(frames, owner, 1, repetitions, [&](const io::Frame& frame) {
        soap.coefficients(frame, all_atoms);
      }).cpu;
      if (rank == 0) {
        char line[256];
        std::snprintf(line, sizeof line, "%-10s %-10s %10.1f %14.1f %15.1f %9.1f", system.name.c_str(),
                      to_string(basis).c_str(), 1e6 * t_neighbours / environments,
                      1e6 * (t_coefficients - t_neighbours) / environments,
                      1e6 * (one.cpu - t_coefficients) / environments, 1e6 * one.cpu / environments);
        breakdown.push_back(line);
      }
    }
  }
  if (rank == 0) {
    std::printf("\nCPU time per environment on one rank (µs)\n%-10s %-10s %10s %14s %15s %9s\n", "system",
                "basis", "neighbours", "coefficients", "power spectrum", "total");
    for (const std::string& line : breakdown) std::printf("%s\n", line.c_str());
    std::printf("\ncsv: system,basis,ranks,env_per_s_per_core_wall,env_per_s_per_core_cpu\n");
    for (const std::string& line : csv) std::printf("csv: %s\n", line.c_str());
  }
  MPI_Finalize();
  return 0;
}
