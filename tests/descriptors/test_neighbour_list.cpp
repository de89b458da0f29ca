// The linked-cell neighbour list against a brute-force loop over a wider image range, for the
// cases the issue names: triclinic cells, cutoffs longer than the cell, mixed periodicity and
// molecules.
#include "hykal/descriptors/neighbour_list.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <tuple>
#include <vector>

using namespace hykal;
using namespace hykal::descriptors;

namespace {

using Entry = std::tuple<int, int, long, long, long>;  // centre, atom, displacement in 1e-6 Å

// All (centre, atom, image) with distance <= cutoff, images n_i in [-range, range] on periodic
// axes: a superset of DScribe's range for atoms inside the cell.
std::vector<Entry> brute_force(const io::Frame& frame, double cutoff, int range) {
  std::vector<Entry> entries;
  const int n = static_cast<int>(frame.n_atoms());
  const int r0 = frame.pbc[0] ? range : 0, r1 = frame.pbc[1] ? range : 0, r2 = frame.pbc[2] ? range : 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int a = -r0; a <= r0; ++a)
        for (int b = -r1; b <= r1; ++b)
          for (int c = -r2; c <= r2; ++c) {
            const Eigen::RowVector3d d = frame.positions.row(j) + a * frame.cell.row(0) +
                                         b * frame.cell.row(1) + c * frame.cell.row(2) - frame.positions.row(i);
            if (d.squaredNorm() <= cutoff * cutoff)
              entries.emplace_back(i, j, std::lround(d[0] * 1e6), std::lround(d[1] * 1e6), std::lround(d[2] * 1e6));
          }
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::vector<Entry> entries_of(const NeighbourList& list) {
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < list.n_centres(); ++i)
    for (std::size_t k = list.offsets[i]; k < list.offsets[i + 1]; ++k) {
      const auto& d = list.displacement[k];
      entries.emplace_back(static_cast<int>(i), list.atom[k], std::lround(d[0] * 1e6),
                           std::lround(d[1] * 1e6), std::lround(d[2] * 1e6));
    }
  std::sort(entries.begin(), entries.end());
  return entries;
}

// n random atoms inside the given cell (fractional coordinates in [0, 1)).
io::Frame random_frame(const Eigen::Matrix3d& cell, std::array<bool, 3> pbc, int n, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  io::Frame frame;
  frame.cell = cell;
  frame.pbc = pbc;
  frame.positions.resize(n, 3);
  for (int i = 0; i < n; ++i) {
    frame.atomic_numbers.push_back(14);
    frame.positions.row(i) = Eigen::RowVector3d(uniform(generator), uniform(generator), uniform(generator)) * cell;
  }
  return frame;
}

}  // namespace

TEST_CASE("neighbour list equals brute force", "[neighbours]") {
  Eigen::Matrix3d triclinic;
  triclinic << 9.0, 0.0, 0.0, 2.5, 8.0, 0.0, -1.5, 1.2, 10.0;
  SECTION("triclinic, cutoff shorter than the cell") {
    const io::Frame frame = random_frame(triclinic, {true, true, true}, 40, 1);
    CHECK(entries_of(build_neighbour_list(frame, 4.5, true)) == brute_force(frame, 4.5, 3));
  }
  SECTION("8-atom Si cell, 7.9 Å cutoff: several image shells") {
    const io::Frame frame = random_frame(5.43 * Eigen::Matrix3d::Identity(), {true, true, true}, 8, 2);
    const auto expected = brute_force(frame, 7.9, 4);
    CHECK(entries_of(build_neighbour_list(frame, 7.9, true)) == expected);
    CHECK(expected.size() > 8 * 100);  // really several shells
  }
  SECTION("mixed periodicity T T F, triclinic") {
    const io::Frame frame = random_frame(triclinic, {true, true, false}, 30, 3);
    CHECK(entries_of(build_neighbour_list(frame, 6.0, true)) == brute_force(frame, 6.0, 3));
  }
  SECTION("non-periodic: the cell is ignored") {
    const io::Frame frame = random_frame(triclinic, {true, true, true}, 30, 4);
    CHECK(entries_of(build_neighbour_list(frame, 6.0, false)) == brute_force(frame, 6.0, 0));
  }
  SECTION("every centre lists itself at distance 0") {
    const io::Frame frame = random_frame(triclinic, {false, false, false}, 10, 5);
    const NeighbourList list = build_neighbour_list(frame, 2.0, true);
    for (std::size_t i = 0; i < list.n_centres(); ++i) {
      bool found = false;
      for (std::size_t k = list.offsets[i]; k < list.offsets[i + 1]; ++k)
        found = found || (list.atom[k] == static_cast<int>(i) && list.distance[k] == 0.0);
      CHECK(found);
    }
  }
}

TEST_CASE("periodic neighbour list rejects a flat cell", "[neighbours]") {
  io::Frame frame = random_frame(Eigen::Matrix3d::Identity(), {true, true, true}, 3, 6);
  frame.cell.row(2).setZero();
  frame.source_file = "flat.xyz";
  frame.source_index = 7;
  CHECK_THROWS_AS(build_neighbour_list(frame, 3.0, true), InputError);
  CHECK_THROWS_WITH(build_neighbour_list(frame, 3.0, true), Catch::Contains("flat.xyz: frame 7"));
}
