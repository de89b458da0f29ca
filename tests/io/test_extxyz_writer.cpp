// Writing extended XYZ: write → read gives the same frames bit for bit, and ASE 3.22 reads our
// output back to the same values (ASE is the reference reader of the format).
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/extxyz_writer.hpp"
#include "scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

using namespace hykal::io;

namespace {

// Frames that use every feature the writer has: triclinic and missing cells, mixed pbc,
// energies, forces, virials, labels that need quoting, and numbers with 17 significant digits.
std::vector<Frame> sample_frames() {
  std::mt19937_64 random(2024);
  std::uniform_real_distribution<double> uniform(-10.0, 10.0);
  std::vector<Frame> frames;
  for (int f = 0; f < 3; ++f) {
    Frame frame;
    const int n = 5 + 3 * f;
    for (int i = 0; i < n; ++i) frame.atomic_numbers.push_back(std::vector<int>{52, 8, 33, 1, 118}[static_cast<std::size_t>(i % 5)]);
    frame.positions = AtomVectors::NullaryExpr(n, 3, [&] { return uniform(random); });
    if (f != 1) {
      frame.cell << 10.0 + uniform(random), 0.0, 0.0, uniform(random), 11.0, 0.0, uniform(random), uniform(random), 12.5;
      frame.pbc = {true, f == 0, true};
    }
    if (f != 2) {
      frame.energy = -1234.5678901234567 * (f + 1);
      frame.forces = AtomVectors::NullaryExpr(n, 3, [&] { return uniform(random) * 1e-3; });
    }
    if (f == 0) {
      Eigen::Matrix3d virial = Eigen::Matrix3d::NullaryExpr([&] { return uniform(random); });
      frame.virial = virial;  // not symmetric on purpose: checks the element order
    }
    frame.labels["config_type"] = "melt_" + std::to_string(1000 + 50 * f) + "K";
    frame.labels["temperature"] = std::to_string(300 * (f + 1));
    frame.labels["comment"] = f == 1 ? "two words and a \"quote\"" : "x=y";
    frames.push_back(frame);
  }
  return frames;
}

void check_same(const Frame& read, const Frame& written) {
  CHECK(read.atomic_numbers == written.atomic_numbers);
  CHECK(read.positions == written.positions);
  CHECK(read.cell == written.cell);
  CHECK(read.pbc == written.pbc);
  CHECK(read.energy == written.energy);
  CHECK(read.forces == written.forces);
  CHECK(read.virial == written.virial);
  CHECK(read.labels == written.labels);
}

void write_number(std::FILE* out, double value) { std::fprintf(out, " %.17g", value); }

// The values ASE should find, one line per quantity, for the Python checker below.
void write_expected(const std::string& path, const std::vector<Frame>& frames) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  REQUIRE(out != nullptr);
  for (const Frame& frame : frames) {
    std::fprintf(out, "frame %zu\nnumbers", frame.n_atoms());
    for (int z : frame.atomic_numbers) std::fprintf(out, " %d", z);
    std::fprintf(out, "\npositions");
    for (Eigen::Index i = 0; i < frame.positions.size(); ++i) write_number(out, frame.positions.data()[i]);
    std::fprintf(out, "\ncell");
    for (int i = 0; i < 9; ++i) write_number(out, frame.cell(i / 3, i % 3));
    std::fprintf(out, "\npbc %d %d %d\n", frame.pbc[0], frame.pbc[1], frame.pbc[2]);
    if (frame.energy) {
      std::fprintf(out, "energy");
      write_number(out, *frame.energy);
      std::fprintf(out, "\nforces");
      for (Eigen::Index i = 0; i < frame.forces.size(); ++i) write_number(out, frame.forces.data()[i]);
      std::fprintf(out, "\n");
    }
    if (frame.virial) {
      std::fprintf(out, "virial");
      for (int i = 0; i < 9; ++i) write_number(out, (*frame.virial)(i / 3, i % 3));
      std::fprintf(out, "\n");
    }
    for (const auto& [key, value] : frame.labels) std::fprintf(out, "label %s\t%s\n", key.c_str(), value.c_str());
  }
  std::fclose(out);
}

// Reads our file with ase.io.read and compares exactly with the expected values; exits 1 on
// the first difference (printed), 0 if everything agrees.
const char* const ase_checker = R"PY(
import sys, numpy as np, ase.io
frames = ase.io.read(sys.argv[1], ':')
lines = open(sys.argv[2]).read().split('\n')
def fail(msg):
    print('ASE disagrees:', msg); sys.exit(1)
i = 0; f = -1
for line in lines:
    if not line: continue
    word, _, rest = line.partition(' ')
    if word == 'frame':
        f += 1; a = frames[f]
        if len(a) != int(rest): fail('frame %d atoms' % f)
        continue
    if word == 'label':
        key, value = rest.split('\t')
        got = a.info.get(key)
        if str(got) != value and not (isinstance(got, (int, float)) and float(value) == got):
            fail('frame %d label %s: %r vs %r' % (f, key, got, value))
        continue
    v = np.array(rest.split(), dtype=float)
    if word == 'numbers': ok = np.array_equal(a.numbers, v)
    elif word == 'positions': ok = np.array_equal(a.positions.ravel(), v)
    elif word == 'cell': ok = np.array_equal(np.array(a.cell).ravel(), v)
    elif word == 'pbc': ok = np.array_equal(a.pbc, v.astype(bool))
    elif word == 'energy': ok = a.get_potential_energy() == v[0]
    elif word == 'forces': ok = np.array_equal(a.get_forces().ravel(), v)
    elif word == 'virial': ok = np.array_equal(np.asarray(a.info['virial']).ravel(), v)
    else: fail('unknown line ' + word)
    if not ok: fail('frame %d %s' % (f, word))
if f + 1 != len(frames): fail('frame count %d vs %d' % (len(frames), f + 1))
print('ASE agrees on', len(frames), 'frames')
)PY";

}  // namespace

TEST_CASE("write then read gives identical frames", "[io][extxyz]") {
  const hykal::test::ScratchDir scratch(MPI_COMM_SELF);
  const auto frames = sample_frames();
  const std::string path = scratch.file("round_trip.xyz");
  write_extxyz(path, frames);
  const auto read = read_extxyz(path);
  REQUIRE(read.size() == frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    INFO("frame " << f);
    check_same(read[f], frames[f]);
    CHECK(read[f].source_file == path);
    CHECK(read[f].source_index == static_cast<std::int64_t>(f));
  }
}

TEST_CASE("ASE 3.22 reads our output back to the same values", "[io][extxyz][ase]") {
  const hykal::test::ScratchDir scratch(MPI_COMM_SELF);
  const auto frames = sample_frames();
  write_extxyz(scratch.file("for_ase.xyz"), frames);
  write_expected(scratch.file("expected.txt"), frames);
  std::ofstream(scratch.file("check.py")) << ase_checker;
  const std::string command = "/usr/bin/python3 " + scratch.file("check.py") + " " + scratch.file("for_ase.xyz") +
                              " " + scratch.file("expected.txt");
  INFO("needs /usr/bin/python3 with ase (scripts/install-deps.sh); command: " << command);
  CHECK(std::system(command.c_str()) == 0);
}
