// The real data sets read in parallel: every frame's atom count and energy equal to what ASE
// reads, the same frames at every number of ranks as the serial reader, and a balanced split.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "mpi_ranks.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

using namespace hykal::io;

namespace {

// A hash of everything a frame holds (the bits of every double), so that frames read on
// different ranks can be compared through one integer.
std::uint64_t frame_hash(const Frame& frame) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  const auto mix = [&](const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  };
  mix(frame.atomic_numbers.data(), frame.atomic_numbers.size() * sizeof(int));
  mix(frame.positions.data(), static_cast<std::size_t>(frame.positions.size()) * sizeof(double));
  mix(frame.forces.data(), static_cast<std::size_t>(frame.forces.size()) * sizeof(double));
  mix(frame.cell.data(), 9 * sizeof(double));
  if (frame.energy) mix(&*frame.energy, sizeof(double));
  if (frame.virial) mix(frame.virial->data(), 9 * sizeof(double));
  for (const auto& [key, value] : frame.labels) {
    mix(key.data(), key.size());
    mix(value.data(), value.size());
  }
  mix(&frame.source_index, sizeof(frame.source_index));
  return hash;
}

// Order-dependent combination over global frame numbers: sum of hash · (global frame + 1).
std::uint64_t data_set_checksum(const std::vector<std::uint64_t>& hashes, std::int64_t first_frame) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    sum += hashes[i] * static_cast<std::uint64_t>(first_frame + static_cast<std::int64_t>(i) + 1);
  return sum;
}

// One frame as ASE reads it (tests/io/reference/ase_frames.tsv, written by
// tests/io/reference/make_ase_frames.py with ASE 3.22.1; the command is in both files).
struct AseFrame {
  std::int64_t atoms = 0;
  double energy = 0.0;  // eV, every bit of ASE's double
};

// file (relative to data/) → its frames in file order.
std::map<std::string, std::vector<AseFrame>> ase_frames() {
  const std::string path = hykal::test::source_dir() + "/tests/io/reference/ase_frames.tsv";
  std::ifstream table(path);
  if (!table) throw std::runtime_error("reference file missing: " + path);
  std::map<std::string, std::vector<AseFrame>> frames;
  std::string line;
  while (std::getline(table, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string file, energy;
    std::int64_t index = 0;
    AseFrame frame;
    std::getline(fields, file, '\t');
    fields >> index >> frame.atoms >> energy;
    frame.energy = std::strtod(energy.c_str(), nullptr);  // repr → the same double
    if (!fields || index != static_cast<std::int64_t>(frames[file].size()))
      throw std::runtime_error(path + ": malformed line: " + line);
    frames[file].push_back(frame);
  }
  return frames;
}

}  // namespace

TEST_CASE("data sets: every frame's atom count and energy as ASE reads them, at any rank count", "[io][extxyz][mpi]") {
  const MPI_Comm comm = MPI_COMM_WORLD;
  const int rank = hykal::test::rank_of(comm);
  const int size = hykal::test::size_of(comm);
  const auto reference = ase_frames();
  REQUIRE(reference.size() == 4);
  for (const auto& [file, ase] : reference) {
    INFO(file << " at " << size << " ranks");
    const std::string path = hykal::test::dataset(file);
    ReadOptions options;
    options.require_energy = true;
    const LocalFrames local = read_distributed({path}, options, comm);

    REQUIRE(local.index.n_frames() == static_cast<std::int64_t>(ase.size()));
    std::int64_t ase_atoms = 0;
    for (const AseFrame& frame : ase) ase_atoms += frame.atoms;
    CHECK(local.index.n_atoms_total() == ase_atoms);
    CHECK(local.distribution.n_ranks() == size);
    CHECK(local.distribution.count(rank) == static_cast<std::int64_t>(local.frames.size()));

    // Every frame on its owner, exactly: hykal parses numbers as ASE's float() does.
    std::int64_t mismatches = 0;
    std::int64_t local_atoms = 0;
    std::vector<std::uint64_t> hashes;
    for (std::size_t i = 0; i < local.frames.size(); ++i) {
      const Frame& frame = local.frames[i];
      const std::int64_t global = local.global_frame(i);
      const AseFrame& expected = ase[static_cast<std::size_t>(global)];
      if (static_cast<std::int64_t>(frame.n_atoms()) != expected.atoms || *frame.energy != expected.energy) {
        ++mismatches;
        UNSCOPED_INFO("frame " << global << ": " << frame.n_atoms() << " atoms, " << *frame.energy
                               << " eV; ASE: " << expected.atoms << " atoms, " << expected.energy << " eV");
      }
      local_atoms += static_cast<std::int64_t>(frame.n_atoms());
      hashes.push_back(frame_hash(frame));
      const FrameLocation& location = local.index.frames[static_cast<std::size_t>(global)];
      CHECK(frame.source_index == location.index_in_file);
      CHECK(static_cast<std::int64_t>(frame.n_atoms()) == location.n_atoms);
    }
    MPI_Allreduce(MPI_IN_PLACE, &mismatches, 1, MPI_INT64_T, MPI_SUM, comm);
    CHECK(mismatches == 0);

    // Same frames as the serial reader, in the same global order.
    std::uint64_t checksum = data_set_checksum(hashes, local.first_frame);
    MPI_Allreduce(MPI_IN_PLACE, &checksum, 1, MPI_UINT64_T, MPI_SUM, comm);
    std::vector<std::uint64_t> serial_hashes;
    for (const Frame& frame : read_extxyz(path, options)) serial_hashes.push_back(frame_hash(frame));
    CHECK(checksum == data_set_checksum(serial_hashes, 0));

    // Balanced: no rank holds more than the mean plus one largest frame.
    std::int64_t max_atoms = local_atoms;
    MPI_Allreduce(MPI_IN_PLACE, &max_atoms, 1, MPI_INT64_T, MPI_MAX, comm);
    std::int64_t largest_frame = 0;
    for (const FrameLocation& location : local.index.frames) largest_frame = std::max(largest_frame, location.n_atoms);
    CHECK(static_cast<double>(max_atoms) <=
          static_cast<double>(ase_atoms) / size + static_cast<double>(largest_frame));
  }
}

TEST_CASE("several files: global order is the files in the given order, frames in file order", "[io][extxyz][mpi]") {
  const MPI_Comm comm = MPI_COMM_WORLD;
  const std::vector<std::string> paths = {hykal::test::dataset("TeO2_glass_mkcamlip/valid.xyz"),
                                          hykal::test::dataset("AsTe3_mkcamlip/train.xyz"),
                                          hykal::test::dataset("AsTe3_mkcamlip/valid.xyz")};
  const LocalFrames local = read_distributed(paths, {}, comm);
  // reference: ASE 3.22.1 frame counts of the three files (54, 99, 45; data/MANIFEST.md).
  REQUIRE(local.index.n_frames() == 54 + 99 + 45);
  CHECK(local.index.files == paths);
  const auto& frames = local.index.frames;
  CHECK(frames[0].file == 0);
  CHECK(frames[53].file == 0);
  CHECK(frames[54].file == 1);
  CHECK(frames[54].index_in_file == 0);
  CHECK(frames[54].line == 1);
  CHECK(frames[153].file == 2);
  CHECK(frames[197].index_in_file == 44);
  for (std::size_t i = 0; i < local.frames.size(); ++i) {
    const FrameLocation& location = frames[static_cast<std::size_t>(local.global_frame(i))];
    CHECK(local.frames[i].source_file == paths[static_cast<std::size_t>(location.file)]);
    CHECK(local.frames[i].source_index == location.index_in_file);
  }
  std::int64_t n_local = static_cast<std::int64_t>(local.frames.size());
  MPI_Allreduce(MPI_IN_PLACE, &n_local, 1, MPI_INT64_T, MPI_SUM, comm);
  CHECK(n_local == 198);
}

TEST_CASE("distribution by atoms: contiguous, deterministic, balanced", "[io][extxyz]") {
  SECTION("equal frames split evenly") {
    const FrameDistribution even = distribute_by_atoms(std::vector<std::int64_t>(12, 100), 4);
    for (int r = 0; r < 4; ++r) CHECK(even.count(r) == 3);
    CHECK(even.owner(0) == 0);
    CHECK(even.owner(5) == 1);
    CHECK(even.owner(11) == 3);
  }
  SECTION("isolated-atom frames weigh little") {
    // 1-atom frames (as in the MK-CAMLIP files) then eight 240-atom frames: 2 ranks split the
    // big frames 4 + 4 and the small ones ride along.
    std::vector<std::int64_t> atoms{1, 1};
    atoms.insert(atoms.end(), 8, 240);
    const FrameDistribution split = distribute_by_atoms(atoms, 2);
    CHECK(split.first(1) == 6);
  }
  SECTION("more ranks than frames: some ranks own none, every frame has one owner") {
    const FrameDistribution sparse = distribute_by_atoms({10, 10, 10}, 5);
    std::int64_t owned = 0;
    for (int r = 0; r < 5; ++r) owned += sparse.count(r);
    CHECK(owned == 3);
    for (std::int64_t f = 0; f < 3; ++f) {
      const int owner = sparse.owner(f);
      CHECK(sparse.first(owner) <= f);
      CHECK(f < sparse.last(owner));
    }
  }
  SECTION("no frames") {
    const FrameDistribution none = distribute_by_atoms({}, 3);
    CHECK(none.n_frames() == 0);
    CHECK(none.count(2) == 0);
  }
}
