// Every kind of bad input gives one clean error on every rank (no hang), naming the file, the
// frame, the line and the field. The bad frame is frame 3 of 4 where possible, so that at 4
// ranks it is found by rank 3 alone and must travel to the others.
#include "hykal/io/frame_distribution.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

using namespace hykal::io;
using hykal::parallel::CollectiveInputError;

namespace {

const std::string lattice = R"(Lattice="5 0 0 0 5 0 0 0 5" )";
const std::string properties = "Properties=species:S:1:pos:R:3:forces:R:3 ";

std::string good_frame(int f) {
  return "2\n" + lattice + properties + "energy=-" + std::to_string(10 + f) + ".5 pbc=\"T T T\"\n" +
         "Te 0.1 0.2 0.3 0.01 0.02 0.03\nO 1.1 1.2 1.3 -0.01 -0.02 -0.03\n";
}

// Three good frames then `bad` as frame 3 (lines 13 …: count 13, comment 14, atoms 15 and 16).
std::string three_good_then(const std::string& bad) { return good_frame(0) + good_frame(1) + good_frame(2) + bad; }

// The message of the CollectiveInputError that read_distributed throws on every rank (empty if
// none); checks that every rank got the same text as rank 0.
std::string collective_error_message(const std::vector<std::string>& paths, const ReadOptions& options = {}) {
  std::string message;
  try {
    read_distributed(paths, options, MPI_COMM_WORLD);
  } catch (const CollectiveInputError& error) {
    message = error.what();
  }
  int length = static_cast<int>(message.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string on_rank_0 = message;
  on_rank_0.resize(static_cast<std::size_t>(length));
  MPI_Bcast(on_rank_0.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
  CHECK(message == on_rank_0);
  return message;
}

// Reads `content` as file `name` on every rank and checks the error names the file and contains
// each of `expected` (line, frame, field, what is wrong).
void check_error(const hykal::test::ScratchDir& scratch, const std::string& name, const std::string& content,
                 std::initializer_list<std::string> expected, const ReadOptions& options = {}) {
  const std::string path = scratch.write(name, content);
  const std::string message = collective_error_message({path}, options);
  INFO("message: " << message);
  REQUIRE_FALSE(message.empty());
  CHECK_THAT(message, Catch::StartsWith(path + ":"));
  for (const std::string& part : expected) CHECK_THAT(message, Catch::Contains(part));
}

}  // namespace

TEST_CASE("bad input: empty file", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "empty.xyz", "", {"empty.xyz:1: frame 0: atom count:", "empty"});
}

TEST_CASE("bad input: truncated frame", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "truncated.xyz", three_good_then("2\n" + lattice + properties + "\nTe 0 0 0 0 0 0\n"),
              {":16: frame 3: atom lines:", "ends after 1 atom lines"});
}

TEST_CASE("bad input: atom count larger than the atom lines present", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  // Frame 1 says 3 atoms but has 2: its count swallows frame 2's count line, and frame 2's
  // comment line is then read where a count should be.
  const std::string wrong = "3\n" + lattice + properties + "energy=-1\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n";
  check_error(scratch, "larger.xyz", good_frame(0) + wrong + good_frame(2) + good_frame(3),
              {":10: frame 2: atom count:", "comment line", "atom count 3 of frame 1 (line 5) is larger"});
}

TEST_CASE("bad input: atom count smaller than the atom lines present", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  const std::string wrong = "1\n" + lattice + properties + "energy=-1\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n";
  check_error(scratch, "smaller.xyz", good_frame(0) + wrong + good_frame(2),
              {":8: frame 2: atom count:", "atom line", "atom count 1 of frame 1 (line 5) is smaller"});
}

TEST_CASE("bad input: non-numeric value", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "text.xyz",
              three_good_then("2\n" + lattice + properties + "energy=-1\nTe 0 0 0 0 0 0\nO 1 1.2.3 1 0 0 0\n"),
              {":16: frame 3: pos:", "\"1.2.3\" is not a finite real number"});
}

TEST_CASE("bad input: NaN value", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "nan.xyz",
              three_good_then("2\n" + lattice + properties + "energy=-1\nTe 0 0 0 0 nan 0\nO 1 1 1 0 0 0\n"),
              {":15: frame 3: forces:", "\"nan\""});
}

TEST_CASE("bad input: Inf value", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "inf.xyz", three_good_then("2\n" + lattice + properties + "energy=-inf\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n"),
              {":14: frame 3: energy:", "\"-inf\" is not a finite number"});
}

TEST_CASE("bad input: missing energy when required", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  ReadOptions options;
  options.require_energy = true;
  check_error(scratch, "no_energy.xyz", three_good_then("2\n" + lattice + properties + "\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n"),
              {":14: frame 3: energy:", "no energy"}, options);
}

TEST_CASE("bad input: Lattice with 8 numbers", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "lattice8.xyz",
              three_good_then("2\nLattice=\"5 0 0 0 5 0 0 0\" " + properties + "\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n"),
              {":14: frame 3: Lattice:", "expected 9 numbers", "found 8"});
}

TEST_CASE("bad input: singular cell with pbc", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "singular.xyz",
              three_good_then("2\nLattice=\"5 0 0 0 5 0 5 5 0\" " + properties + "\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n"),
              {":14: frame 3: Lattice:", "singular"});
}

TEST_CASE("bad input: unknown element symbol", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "element.xyz",
              three_good_then("2\n" + lattice + properties + "\nTe 0 0 0 0 0 0\nXx 1 1 1 0 0 0\n"),
              {":16: frame 3: species:", "\"Xx\" is not a known element symbol"});
}

TEST_CASE("bad input: Properties not matching the columns", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "columns.xyz",
              three_good_then("2\n" + lattice + properties + "\nTe 0 0 0 0 0 0\nO 1 1 1 0 0\n"),
              {":16: frame 3: Properties:", "describes 7 columns but this atom line has 6"});
}

TEST_CASE("bad input: unreadable path", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  const std::string good = scratch.write("good.xyz", good_frame(0));
  const std::string path = scratch.file("does_not_exist.xyz");
  const std::string message = collective_error_message({good, path});
  CHECK_THAT(message, Catch::StartsWith(path + ":") && Catch::Contains("cannot open"));
}

TEST_CASE("bad input: a directory given as a file", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  const std::string message = collective_error_message({scratch.path()});
  CHECK_THAT(message, Catch::StartsWith(scratch.path() + ":") && Catch::Contains("is a directory"));
}

TEST_CASE("bad input: blank line between frames", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "blank.xyz", good_frame(0) + "\n" + good_frame(1),
              {":5: frame 1: atom count:", "blank line"});
  // Blank lines after the last frame are fine.
  const std::string trailing = scratch.write("trailing.xyz", good_frame(0) + "\n  \n");
  CHECK(collective_error_message({trailing}).empty());
}

TEST_CASE("bad input: unterminated quote in the comment line", "[io][extxyz][mpi]") {
  const hykal::test::ScratchDir scratch;
  check_error(scratch, "quote.xyz",
              three_good_then("2\n" + lattice + properties + "config_type=\"melt\nTe 0 0 0 0 0 0\nO 1 1 1 0 0 0\n"),
              {":14: frame 3: comment line:", "never closed"});
}
