// Serial reading of extended XYZ: the four fixture structures, comment-line syntax, key
// detection, unit conversions, element symbols and path expansion.
#include "hykal/error.hpp"
#include "hykal/io/extxyz_comment.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/extxyz_text.hpp"
#include "hykal/io/path_expansion.hpp"
#include "hykal/io/periodic_table.hpp"
#include "scratch_dir.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>
#include <Eigen/LU>

#include <algorithm>
#include <cstdlib>
#include <random>

using namespace hykal::io;

namespace {

int count_of(const Frame& frame, int z) {
  return static_cast<int>(std::count(frame.atomic_numbers.begin(), frame.atomic_numbers.end(), z));
}

}  // namespace

// Reference values: the header and atom lines of the fixture files themselves
// (fixtures/structures/*.xyz, README.md there for the compositions).
TEST_CASE("fixture structures read with cell, pbc, species and labels", "[io][extxyz]") {
  SECTION("si_diamond_64: cubic, one species") {
    const auto frames = read_extxyz(hykal::test::fixture("structures/si_diamond_64.xyz"));
    REQUIRE(frames.size() == 1);
    const Frame& si = frames[0];
    CHECK(si.n_atoms() == 64);
    CHECK(count_of(si, 14) == 64);
    CHECK(si.cell == Eigen::Matrix3d::Identity() * 10.86);
    CHECK(si.pbc == std::array<bool, 3>{true, true, true});
    CHECK(si.positions(0, 0) == 0.00252809);
    CHECK(si.positions(0, 2) == -0.04979545);
    CHECK(si.labels.at("name") == "si_diamond_64");
    CHECK_FALSE(si.energy);
    CHECK_FALSE(si.has_forces());
    CHECK(si.source_index == 0);
  }
  SECTION("teo2_fluorite_96: an extra integer column is skipped, quoted labels kept") {
    const Frame teo2 = read_extxyz(hykal::test::fixture("structures/teo2_fluorite_96.xyz")).at(0);
    CHECK(teo2.n_atoms() == 96);
    CHECK(count_of(teo2, 52) == 32);
    CHECK(count_of(teo2, 8) == 64);
    CHECK(teo2.positions(1, 1) == 3.00072067);
    CHECK(teo2.labels.at("spacegroup") == "F m -3 m");
    CHECK(teo2.labels.at("unit_cell") == "conventional");
    CHECK(teo2.labels.count("Properties") == 0);
  }
  SECTION("aste3_triclinic_64: rows of Lattice are the cell vectors") {
    const Frame aste3 = read_extxyz(hykal::test::fixture("structures/aste3_triclinic_64.xyz")).at(0);
    CHECK(aste3.n_atoms() == 64);
    CHECK(count_of(aste3, 33) == 16);
    CHECK(count_of(aste3, 52) == 48);
    CHECK(aste3.cell(1, 0) == 2.2907551000835022);
    CHECK(aste3.cell(2, 1) == 1.1453775500417511);
    CHECK(aste3.cell(0, 1) == 0.0);
    CHECK(aste3.positions(63, 0) == 7.20561522);
  }
  SECTION("te2o4_molecule: no Lattice, not periodic") {
    const Frame molecule = read_extxyz(hykal::test::fixture("structures/te2o4_molecule.xyz")).at(0);
    CHECK(molecule.n_atoms() == 6);
    CHECK(molecule.atomic_numbers == std::vector<int>{52, 8, 8, 52, 8, 8});
    CHECK_FALSE(molecule.has_cell());
    CHECK(molecule.pbc == std::array<bool, 3>{false, false, false});
    CHECK(molecule.positions(4, 2) == -0.3);
  }
}

TEST_CASE("comment line: quotes, braces, escapes, bare keys and spaces around '='", "[io][extxyz]") {
  const TextPlace place{"test.xyz", 0, 2};
  const auto entries = parse_comment_line(
      R"(a=1 b="x y" c='p q' d={1 2 3} e=[4,5] flag f = 7 g="say \"hi\"" h="" 'i j'=k)", place);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "1"},     {"b", "x y"}, {"c", "p q"},         {"d", "1 2 3"}, {"e", "4,5"},
      {"flag", "T"}, {"f", "7"},   {"g", "say \"hi\""}, {"h", ""},      {"i j", "k"}};
  REQUIRE(entries.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(entries[i].key == expected[i].first);
    CHECK(entries[i].value == expected[i].second);
  }
  CHECK_THROWS_WITH(parse_comment_line("a=\"open", place),
                    Catch::Contains("test.xyz:2: frame 0: comment line") && Catch::Contains("never closed"));
}

TEST_CASE("energy, forces, virial and stress keys", "[io][extxyz]") {
  const hykal::test::ScratchDir scratch(MPI_COMM_SELF);
  const std::string atoms = "Te 0 0 0 0.5 -0.5 1e-3\nO 1 0 0 -0.5 0.5 -1e-3\n";
  const std::string lattice = "Lattice=\"4 0 0 0 5 0 0 0 6\" ";

  SECTION("auto energy prefers energy, then free_energy …; the others become labels") {
    const std::string path = scratch.write(
        "energies.xyz", "2\n" + lattice + "Properties=species:S:1:pos:R:3:force:R:3 free_energy=-2 energy=-3.5\n" +
                            atoms + "2\n" + lattice +
                            "Properties=species:S:1:pos:R:3:forces:R:3 free_energy=-2.5 REF_energy=-9\n" + atoms);
    const auto frames = read_extxyz(path);
    REQUIRE(frames.size() == 2);
    CHECK(*frames[0].energy == -3.5);
    CHECK(frames[0].labels.at("free_energy") == "-2");
    CHECK(*frames[1].energy == -2.5);
    CHECK(frames[1].labels.at("REF_energy") == "-9");
    CHECK(frames[0].forces(0, 2) == 1e-3);
    CHECK(frames[1].forces(1, 0) == -0.5);
    ReadOptions ref;
    ref.energy_key = "REF_energy";
    const auto with_ref = read_extxyz(path, ref);
    CHECK_FALSE(with_ref[0].energy);
    CHECK(*with_ref[1].energy == -9.0);
  }
  SECTION("virial is 9 numbers in ASE's order; stress becomes virial = -stress * volume") {
    const std::string path = scratch.write(
        "virial.xyz", "2\n" + lattice + "Properties=species:S:1:pos:R:3:force:R:3 virial=\"1 2 3 4 5 6 7 8 9\"\n" +
                          atoms + "2\n" + lattice + "Properties=species:S:1:pos:R:3:force:R:3 stress=\"1 2 3 4 5 6\"\n" +
                          atoms + "2\n" + lattice +
                          "Properties=species:S:1:pos:R:3:force:R:3 stress=\"1 0 0 0 2 0 0 0 3\"\n" + atoms);
    const auto frames = read_extxyz(path);
    Eigen::Matrix3d virial;
    virial << 1, 4, 7, 2, 5, 8, 3, 6, 9;  // ASE reshapes the 9 numbers with order='F'
    CHECK(*frames[0].virial == virial);
    const double volume = 4.0 * 5.0 * 6.0;
    Eigen::Matrix3d voigt;  // xx yy zz yz xz xy = 1 2 3 4 5 6
    voigt << 1, 6, 5, 6, 2, 4, 5, 4, 3;
    CHECK(*frames[1].virial == -volume * voigt);
    CHECK(*frames[2].virial == -volume * Eigen::Vector3d(1, 2, 3).asDiagonal().toDenseMatrix());
  }
  SECTION("pbc defaults, Z column, bare booleans, species in any case") {
    const std::string path = scratch.write(
        "z.xyz", "2\n" + lattice + "Properties=Z:I:1:pos:R:3:tag:L:1 relaxed converged=True\n52 0 0 0 T\n8 1 0 0 F\n" +
                     "2\npbc=\"T F T\" " + lattice + "\nte 0 0 0\nO 1 1 1\n");
    const auto frames = read_extxyz(path);
    CHECK(frames[0].atomic_numbers == std::vector<int>{52, 8});
    CHECK(frames[0].pbc == std::array<bool, 3>{true, true, true});
    CHECK(frames[0].labels.at("relaxed") == "T");
    CHECK(frames[0].labels.at("converged") == "T");
    CHECK(frames[1].atomic_numbers == std::vector<int>{52, 8});
    CHECK(frames[1].pbc == std::array<bool, 3>{true, false, true});
    CHECK(frames[1].source_index == 1);
  }
}

TEST_CASE("numbers: the fast path gives the same double as strtod, NaN and Inf are refused", "[io][extxyz]") {
  // Reference: glibc strtod (correctly rounded, like Python's float() that ASE uses).
  const auto reference = [](const std::string& text) { return std::strtod(text.c_str(), nullptr); };
  for (const char* text : {"1.", ".5", "-0.0", "+3", "1e5", "-1.5E-3", "12345678901234567890", "0.1",
                           "0.12345678901234567890", "-164.73811848958334", "00000000000000000000001.5", "9007199254740993"}) {
    INFO(text);
    const auto value = parse_finite_double(text);
    REQUIRE(value);
    CHECK(*value == reference(text));
  }
  for (const char* text : {"nan", "NaN", "inf", "-Infinity", "1e400", "", ".", "-", "1..2", "1-2", "1.0D0", "0x1p3", "+-1"}) {
    INFO(text);
    CHECK_FALSE(parse_finite_double(text));
  }
  // Random decimals with 1 … 17 significant digits and 0 … 12 decimals, as files hold them.
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    const int digits = 1 + static_cast<int>(random() % 17);
    std::string text = random() % 2 ? "-" : "";
    for (int d = 0; d < digits; ++d) text += static_cast<char>('0' + random() % 10);
    const auto decimals = static_cast<std::size_t>(random() % 13);
    if (decimals > 0 && decimals < text.size()) text.insert(text.size() - decimals, ".");
    INFO(text);
    const auto value = parse_finite_double(text);
    REQUIRE(value);
    CHECK(*value == reference(text));
  }
}

TEST_CASE("element symbols cover the periodic table", "[io][extxyz]") {
  CHECK(atomic_number("H") == 1);
  CHECK(atomic_number("Te") == 52);
  CHECK(atomic_number("TE") == 52);
  CHECK(atomic_number("og") == 118);
  CHECK(atomic_number("Xx") == 0);
  CHECK(atomic_number("") == 0);
  CHECK(atomic_number("Tex") == 0);
  for (int z = 1; z <= max_atomic_number; ++z) CHECK(atomic_number(element_symbol(z)) == z);
}

TEST_CASE("paths and globs expand sorted; a pattern matching nothing is an input error", "[io][extxyz]") {
  const hykal::test::ScratchDir scratch(MPI_COMM_SELF);
  for (const char* name : {"b.xyz", "a.xyz", "c.extxyz"}) scratch.write(name, "1\n\nH 0 0 0\n");
  CHECK(expand_paths({scratch.file("*.xyz"), scratch.file("c.extxyz"), scratch.file("a.xyz")}) ==
        std::vector<std::string>{scratch.file("a.xyz"), scratch.file("b.xyz"), scratch.file("c.extxyz")});
  CHECK_THROWS_AS(expand_paths({scratch.file("*.dat")}), hykal::InputError);
  CHECK_THROWS_WITH(expand_paths({scratch.file("missing.xyz")}),
                    Catch::Contains(scratch.file("missing.xyz")) && Catch::Contains("matches no file"));
}
