// Throughput of the GAP SOAP term (issue 8): environments per CPU second with and without
// ∂q/∂r_ij, on the first As60Te180 frame of AsTe3_mkcamlip/train.xyz at the authors' settings
// (l_max 5, n_max 6, cutoff 4.91 Å, transition width 1 Å, atom_sigma 0.4 Å, polynomial basis),
// and the bytes of the per-centre buffer handed to the sparse GP (q and ∂q/∂r of one centre).
//
// usage: gap_soap_bench [data_dir] [repetitions]   (one process; CPU time, so a busy machine
// gives the rate per core actually received)
#include "hykal/gap/soap_term.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

using namespace hykal;

namespace {

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string data_dir = argc > 1 ? argv[1] : HYKAL_BENCH_DATA_DIR;
  const int repetitions = argc > 2 ? std::stoi(argv[2]) : 3;
  const io::Frame frame = io::read_extxyz(data_dir + "/AsTe3_mkcamlip/train.xyz").at(0);

  gap::SoapTermSettings settings;
  settings.species = {33, 52};
  const gap::SoapTerm term(settings);

  std::size_t most_bytes = 0, neighbour_images = 0;
  double checksum = 0.0;
  std::printf("GAP SOAP term, %zu atoms, p = %d, %d repetitions\n", frame.n_atoms(), term.dimension(), repetitions);
  for (bool with_gradients : {false, true}) {
    const double start = cpu_seconds();
    for (int r = 0; r < repetitions; ++r)
      term.for_each_environment(frame, with_gradients, [&](const gap::Environment& environment) {
        std::size_t bytes = sizeof(double) * static_cast<std::size_t>(environment.q.size());
        for (const gap::NeighbourDerivative& neighbour : environment.neighbours) {
          bytes += sizeof(gap::NeighbourDerivative) + sizeof(double) * static_cast<std::size_t>(neighbour.dq_dr.size());
          checksum += neighbour.dq_dr(0, 0);
        }
        if (with_gradients && r == 0) neighbour_images += environment.neighbours.size();
        most_bytes = std::max(most_bytes, bytes);
        checksum += environment.q(0);
      });
    const double seconds = cpu_seconds() - start;
    std::printf("  %-16s %10.0f environments/s (CPU)\n", with_gradients ? "with gradients" : "values only",
                double(frame.n_atoms()) * repetitions / seconds);
  }
  std::printf("  neighbour images per centre (r < rc): %.1f\n", double(neighbour_images) / double(frame.n_atoms()));
  std::printf("  largest per-centre buffer: %.1f kB (q and ∂q/∂r of one centre)\n", double(most_bytes) / 1024.0);
  std::printf("  (checksum %.6e)\n", checksum);
  return 0;
}
