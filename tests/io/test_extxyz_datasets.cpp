// The real data sets read in parallel: frame counts and energy ranges equal to what ASE reads,
// the same frames at every number of ranks as the serial reader, and a balanced split.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

using namespace hykal::io;

namespace {

int rank_of(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

int size_of(MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  return size;
}

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

struct AseReference {
  const char* file;
  std::int64_t frames;
  std::int64_t atoms;
  double min_energy_per_atom;
  double max_energy_per_atom;
};

// reference: ASE 3.22.1 ase.io.read(path, ':') with /usr/bin/python3: len(frames),
// sum(len(a)), min and max of a.get_potential_energy() / len(a) (printed with repr).
const AseReference references[] = {
    {"AsTe3_mkcamlip/train.xyz", 99, 23282, -218.37494654270498, -166.85714639226236},
    {"AsTe3_mkcamlip/valid.xyz", 45, 10322, -218.37494654270498, -166.85714639226236},
    {"TeO2_glass_mkcamlip/valid.xyz", 54, 24962, -428.916920009, -217.466997644},
    {"GeTe_meltquench_nvnmd/GeTe_meltquench_20perT.xyz", 680, 146880, -164.73811848958334, -164.4043330439815},
};

}  // namespace

TEST_CASE("data sets: frame counts and energy ranges as ASE reads them, at any rank count", "[io][extxyz][mpi]") {
  const MPI_Comm comm = MPI_COMM_WORLD;
  const int rank = rank_of(comm);
  const int size = size_of(comm);
  for (const AseReference& reference : references) {
    INFO(reference.file << " at " << size << " ranks");
    const std::string path = hykal::test::dataset(reference.file);
    ReadOptions options;
    options.require_energy = true;
    const LocalFrames local = read_distributed({path}, options, comm);

    REQUIRE(local.index.n_frames() == reference.frames);
    CHECK(local.index.n_atoms_total() == reference.atoms);
    CHECK(local.distribution.n_ranks() == size);
    CHECK(local.distribution.count(rank) == static_cast<std::int64_t>(local.frames.size()));

    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    std::int64_t local_atoms = 0;
    std::vector<std::uint64_t> hashes;
    for (std::size_t i = 0; i < local.frames.size(); ++i) {
      const Frame& frame = local.frames[i];
      const double per_atom = *frame.energy / static_cast<double>(frame.n_atoms());
      low = std::min(low, per_atom);
      high = std::max(high, per_atom);
      local_atoms += static_cast<std::int64_t>(frame.n_atoms());
      hashes.push_back(frame_hash(frame));
      const FrameLocation& location = local.index.frames[static_cast<std::size_t>(local.global_frame(i))];
      CHECK(frame.source_index == location.index_in_file);
      CHECK(static_cast<std::int64_t>(frame.n_atoms()) == location.n_atoms);
    }
    MPI_Allreduce(MPI_IN_PLACE, &low, 1, MPI_DOUBLE, MPI_MIN, comm);
    MPI_Allreduce(MPI_IN_PLACE, &high, 1, MPI_DOUBLE, MPI_MAX, comm);
    CHECK(low == Approx(reference.min_energy_per_atom).epsilon(1e-15));
    CHECK(high == Approx(reference.max_energy_per_atom).epsilon(1e-15));

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
          static_cast<double>(reference.atoms) / size + static_cast<double>(largest_frame));
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
