// Descriptors do not depend on how the work is split over ranks: frames split round-robin, and
// the atoms of one frame split in blocks, give bit-identical results to one rank doing all.
#include "descriptor_test_support.hpp"
#include "hykal/descriptors/coulomb_matrix.hpp"
#include "hykal/descriptors/soap_calculator.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <numeric>

using namespace hykal;
using namespace hykal::descriptors;

namespace {

struct Ranks {
  int rank = 0, size = 1;
  Ranks() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
  }
};

SoapSettings settings_for(RadialBasisType basis) {
  SoapSettings settings;
  settings.basis = basis;
  settings.n_max = 4;
  settings.l_max = 3;
  settings.r_cut = 5.0;
  settings.species = {8, 14, 33, 52};  // every element of the four fixture structures
  return settings;
}

// Two checksums per frame that change with any feature: the sum and a position-weighted sum.
std::array<double, 2> checksum(const double* values, std::size_t size) {
  std::array<double, 2> sums{0.0, 0.0};
  for (std::size_t i = 0; i < size; ++i) {
    sums[0] += values[i];
    sums[1] += values[i] * static_cast<double>(i % 97 + 1);
  }
  return sums;
}

}  // namespace

TEST_CASE("frames split over ranks give the one-rank checksums", "[soap][coulomb][parallel]") {
  const Ranks ranks;
  std::vector<io::Frame> frames;
  for (const std::string& name : test::dscribe_structures()) frames.push_back(test::fixture_structure(name));
  const int n_frames = static_cast<int>(frames.size());
  for (RadialBasisType basis : {RadialBasisType::gto, RadialBasisType::polynomial}) {
    const SoapCalculator soap(settings_for(basis));
    const CoulombMatrix cm({CoulombPermutation::sorted_l2, 100});
    // Each rank: its own frames (f mod size == rank); slots of the others stay zero.
    std::vector<double> mine(4 * n_frames, 0.0), gathered(4 * n_frames, 0.0);
    for (int f = ranks.rank; f < n_frames; f += ranks.size) {
      const DescriptorMatrix p = soap.per_atom(frames[f]);
      const Eigen::VectorXd c = cm.compute(frames[f]);
      const auto s = checksum(p.data(), static_cast<std::size_t>(p.size()));
      const auto t = checksum(c.data(), static_cast<std::size_t>(c.size()));
      mine[4 * f] = s[0], mine[4 * f + 1] = s[1], mine[4 * f + 2] = t[0], mine[4 * f + 3] = t[1];
    }
    MPI_Reduce(mine.data(), gathered.data(), 4 * n_frames, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    if (ranks.rank != 0) continue;
    for (int f = 0; f < n_frames; ++f) {
      const DescriptorMatrix p = soap.per_atom(frames[f]);
      const Eigen::VectorXd c = cm.compute(frames[f]);
      const auto s = checksum(p.data(), static_cast<std::size_t>(p.size()));
      const auto t = checksum(c.data(), static_cast<std::size_t>(c.size()));
      INFO(to_string(basis) << " frame " << f);
      CHECK(gathered[4 * f] == s[0]);
      CHECK(gathered[4 * f + 1] == s[1]);
      CHECK(gathered[4 * f + 2] == t[0]);
      CHECK(gathered[4 * f + 3] == t[1]);
    }
  }
}

TEST_CASE("atoms of one frame split over ranks give the one-rank rows", "[soap][parallel]") {
  const Ranks ranks;
  const io::Frame frame = test::fixture_structure("teo2_fluorite_96");
  const SoapCalculator soap(settings_for(RadialBasisType::polynomial));
  const int n = static_cast<int>(frame.n_atoms()), p = soap.feature_count();
  // Contiguous blocks of atoms per rank, gathered to rank 0 as row-major blocks.
  std::vector<int> counts(ranks.size), displacements(ranks.size);
  for (int r = 0; r < ranks.size; ++r) {
    const int begin = n * r / ranks.size, end = n * (r + 1) / ranks.size;
    counts[r] = (end - begin) * p;
    displacements[r] = begin * p;
  }
  std::vector<int> centres(counts[ranks.rank] / p);
  std::iota(centres.begin(), centres.end(), displacements[ranks.rank] / p);
  const DescriptorMatrix mine = soap.per_atom(frame, centres);
  DescriptorMatrix all(ranks.rank == 0 ? n : 0, p);
  MPI_Gatherv(mine.data(), counts[ranks.rank], MPI_DOUBLE, all.data(), counts.data(),
              displacements.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (ranks.rank == 0) CHECK(all == soap.per_atom(frame));
}
