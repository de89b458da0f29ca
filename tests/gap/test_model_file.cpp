// The GAP model file: a fitted model written and read back predicts the same energies, forces
// and virials bit for bit (the file holds everything prediction needs), and files that are not
// ours, not HDF5 or truncated are refused with a message naming the file.
#include "hykal/error.hpp"
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/model_file.hpp"
#include "hykal/io/hdf5.hpp"

#include "gap_test_support.hpp"
#include "io/scratch_dir.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace {

int rank_in_world() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

}  // namespace

TEST_CASE("A GAP model file round-trips the model", "[gap]") {
  const hykal::test::ScratchDir scratch;
  const std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(3, 31);
  const hykal::gap::GapModel model = hykal::gap::fit_gap(frames, 0, hykal::test::lennard_jones_fit_settings(10), MPI_COMM_SELF);
  const std::string path = scratch.file("model.h5");
  hykal::gap::write_model_file(path, model, MPI_COMM_WORLD);
  CHECK_FALSE(std::filesystem::exists(path + ".partial"));

  const hykal::gap::GapModel loaded = hykal::gap::read_model_file(path);
  CHECK(loaded.species == model.species);
  CHECK(loaded.e0 == model.e0);
  CHECK(loaded.training.frames_hash == model.training.frames_hash);
  CHECK(loaded.training.n_force_components == 3 * 37);
  CHECK(loaded.fit_values == model.fit_values);
  const hykal::gap::GapPredictor original(model);
  const hykal::gap::GapPredictor reloaded(loaded);
  for (const hykal::io::Frame& frame : frames) {
    const hykal::gap::Prediction a = original.predict(frame);
    const hykal::gap::Prediction b = reloaded.predict(frame);
    CHECK(a.energy == b.energy);
    CHECK(a.forces == b.forces);
    CHECK(a.virial == b.virial);
  }
}

TEST_CASE("Files that are not complete GAP models are refused", "[gap]") {
  const hykal::test::ScratchDir scratch;
  auto message_of = [](const std::string& path) -> std::string {
    try {
      hykal::gap::read_model_file(path);
    } catch (const hykal::InputError& error) {
      return error.what();
    }
    return "no error";
  };
  SECTION("not HDF5") {
    const std::string path = scratch.write("text.h5", "this is not HDF5\n");
    CHECK_THAT(message_of(path), Catch::Contains(path) && Catch::Contains("cannot open as an HDF5 file"));
  }
  SECTION("HDF5 but not ours") {
    const std::string path = scratch.file("other.h5");
    { const hykal::io::hdf5::Handle file = hykal::io::hdf5::create_parallel(path, MPI_COMM_WORLD); }
    MPI_Barrier(MPI_COMM_WORLD);
    CHECK_THAT(message_of(path), Catch::Contains(path) && Catch::Contains("not a hykal GAP model file"));
  }
  SECTION("truncated") {
    const std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(2, 3);
    const hykal::gap::GapModel model = hykal::gap::fit_gap(frames, 0, hykal::test::lennard_jones_fit_settings(5), MPI_COMM_SELF);
    const std::string whole = scratch.file("whole.h5");
    hykal::gap::write_model_file(whole, model, MPI_COMM_WORLD);
    const std::string cut = scratch.file("cut.h5");
    if (rank_in_world() == 0) {
      std::ifstream in(whole, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    const std::string message = message_of(cut);
    CHECK_THAT(message, Catch::Contains(cut));
    CHECK(message != "no error");
  }
}

TEST_CASE("A model of gap.backend = quip keeps gap_fit's potential verbatim and its record", "[gap][quip]") {
  const hykal::test::ScratchDir scratch;
  const std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(3, 31);
  hykal::gap::GapModel model = hykal::gap::model_record(frames, 0, hykal::test::lennard_jones_fit_settings(10), MPI_COMM_SELF);
  model.backend = "quip";
  model.terms.push_back(hykal::gap::TrainedTerm{hykal::test::two_body_settings(10), {}, {}});
  // Longer than an HDF5 attribute may be, with quotes, angle brackets, newlines and UTF-8: any
  // text gap_fit writes must come back byte for byte.
  std::string xml = "<GAP_params label=\"GAP_2026\" gap_version=\"1.0\">\n";
  for (int line = 0; line < 4000; ++line) xml += "  <sparseX i=\"" + std::to_string(line) + "\">-1.25e-3 Å 0.5</sparseX>\n";
  model.quip_xml = xml + "</GAP_params>\n";
  const std::string path = scratch.file("quip-model.h5");
  hykal::gap::write_model_file(path, model, MPI_COMM_WORLD);

  const hykal::gap::GapModel loaded = hykal::gap::read_model_file(path);
  CHECK(loaded.backend == "quip");
  CHECK(loaded.quip_xml == model.quip_xml);
  CHECK(loaded.species == std::vector<int>{18});
  CHECK(loaded.e0 == model.e0);
  CHECK(loaded.training.frames_hash == model.training.frames_hash);
  CHECK(loaded.fit_values == model.fit_values);
  REQUIRE(loaded.terms.size() == 1);
  CHECK(loaded.terms[0].settings.descriptor_values == model.terms[0].settings.descriptor_values);
  CHECK(loaded.terms[0].settings.covariance_parameter == model.terms[0].settings.covariance_parameter);
  CHECK(loaded.terms[0].sparse_points.empty());

  // A built-in model says so; a file whose backend is neither is refused, naming the attribute.
  const hykal::gap::GapModel builtin = hykal::gap::fit_gap(frames, 0, hykal::test::lennard_jones_fit_settings(5), MPI_COMM_SELF);
  const std::string builtin_path = scratch.file("builtin.h5");
  hykal::gap::write_model_file(builtin_path, builtin, MPI_COMM_WORLD);
  CHECK(hykal::gap::read_model_file(builtin_path).backend == "builtin");
  model.backend = "lammps";
  const std::string odd_path = scratch.file("odd.h5");
  hykal::gap::write_model_file(odd_path, model, MPI_COMM_WORLD);
  CHECK_THROWS_WITH(hykal::gap::read_model_file(odd_path), Catch::Contains(odd_path) && Catch::Contains("backend"));
}
