// New values added to a frame as it stands in its file (io/extxyz_annotation.hpp): the result,
// read back by our reader, has the original values unchanged and the new ones exact; quoted
// values and CRLF line ends survive; a key or column that is already there is refused, naming it.
// Reference: the input text itself (values compared after a read of both texts).
#include "hykal/error.hpp"
#include "hykal/io/extxyz_annotation.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using namespace hykal;

namespace {

const std::string frame_text =
    "2\r\n"
    "Lattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3:force:R:3 free_energy=-3.25 "
    "note='two words' pbc=\"T T T\"\r\n"
    "As 0.0 0.0 0.0 0.5 -0.25 0.125\r\n"
    "Te 2.5 0.0 0.0 -0.5 0.25 -0.125\r\n";

io::AddedValues added() {
  io::AddedValues values;
  values.per_frame = {{"gap_energy", {-3.125}}, {"gap_virial", {1, 2, 3, 2, 5, 6, 3, 6, 9}}};
  io::AtomVectors forces(2, 3);
  forces << 0.1, 0.2, 0.3, -0.1, -0.2, -0.3;
  values.per_atom = {{"gap_forces", forces}};
  return values;
}

std::vector<io::Frame> read_text(const std::string& text, const io::ReadOptions& options = {}) {
  const std::string path = "annotation_test.xyz";
  std::ofstream(path) << text;
  std::vector<io::Frame> frames = io::read_extxyz(path, options);
  std::remove(path.c_str());
  return frames;
}

}  // namespace

TEST_CASE("an annotated frame keeps its values and carries the new ones") {
  const std::string text = io::annotated_frame_text(frame_text, {"in.xyz", 0, 1}, added());
  CHECK(text.find("note=\"two words\"") != std::string::npos);
  CHECK(text.find("Properties=species:S:1:pos:R:3:force:R:3:gap_forces:R:3") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  const io::Frame original = read_text(frame_text).at(0);
  const io::Frame annotated = read_text(text).at(0);
  CHECK(*annotated.energy == *original.energy);
  CHECK(annotated.forces == original.forces);
  CHECK(annotated.positions == original.positions);
  CHECK(annotated.cell == original.cell);
  CHECK(annotated.labels.at("note") == "two words");
  CHECK(annotated.labels.at("gap_energy") == "-3.125");
  CHECK(annotated.labels.at("gap_virial") == "1 2 3 2 5 6 3 6 9");
  // The new per-atom column, read as the forces.
  io::ReadOptions as_forces;
  as_forces.forces_key = "gap_forces";
  const io::Frame columns = read_text(text, as_forces).at(0);
  CHECK(columns.forces == added().per_atom[0].second);
}

TEST_CASE("a key or column that is already there is refused") {
  const std::string annotated = io::annotated_frame_text(frame_text, {"in.xyz", 0, 1}, added());
  CHECK_THROWS_WITH(io::annotated_frame_text(annotated, {"in.xyz", 3, 7}, added()),
                    Catch::Contains("in.xyz") && Catch::Contains("gap_forces") && Catch::Contains("already has"));
  io::AddedValues energy_only;
  energy_only.per_frame = {{"free_energy", {1.0}}};
  CHECK_THROWS_WITH(io::annotated_frame_text(frame_text, {"in.xyz", 0, 1}, energy_only),
                    Catch::Contains("free_energy") && Catch::Contains("already has"));
}
