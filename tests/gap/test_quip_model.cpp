// gap.backend = quip as a model of the commands (quip_model.hpp), collective over 1, 2 and 4 ranks
// (at 4, one rank holds no training frame), with stand-ins for QUIP's programs (shell scripts
// written here, as test_quip_backend.cpp writes its own). References are the stand-ins' known
// outputs: fake gap_fit keeps the training file it was given and writes a fixed potential text;
// fake quip reads e = -2.5 and k = -0.125 back from the potential it is given and returns
// E = e·N, F_i = k·r_i and virial e·N·I for a frame of N atoms at positions r_i (k a power of two,
// so k·r_i is exact and printed with 17 digits: exact equality).
#include "hykal/error.hpp"
#include "hykal/gap/quip_model.hpp"
#include "hykal/io/extxyz_reader.hpp"

#include "fake_programs.hpp"
#include "gap_test_support.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <filesystem>

namespace {

using hykal::io::Frame;

const std::string potential_text = "<GAP_params label=\"fake\"><fake energy_per_atom=\"-2.5\" force_factor=\"-0.125\"/></GAP_params>\n";

hykal::gap::QuipBackendSettings fake_programs(const hykal::test::ScratchDirectory& directory, const std::string& gap_fit_body) {
  hykal::gap::QuipBackendSettings programs;
  programs.gap_fit = hykal::test::write_script(directory, "gap_fit", gap_fit_body);
  programs.quip = hykal::test::write_script(
      directory, "quip",
      "for a in \"$@\"; do case $a in atoms_filename=*) atoms=${a#atoms_filename=} ;; param_filename=*) param=${a#param_filename=} ;; esac; done\n"
      "touch " + directory.file("quip_ran") + "\n"
      "e=$(sed -n 's/.*energy_per_atom=\"\\([^\"]*\\)\".*/\\1/p' \"$param\")\n"
      "k=$(sed -n 's/.*force_factor=\"\\([^\"]*\\)\".*/\\1/p' \"$param\")\n"
      "awk -v e=\"$e\" -v k=\"$k\" '\n"
      "  s == 0 { n = $1; print \"AT \" $0; s = 1; next }\n"
      "  s == 1 { sub(/Properties=species:S:1:pos:R:3/, \"Properties=species:S:1:pos:R:3:force:R:3\");\n"
      "           printf \"AT %s energy=%.17g virial=\\\"%.17g 0 0 0 %.17g 0 0 0 %.17g\\\"\\n\", $0, e*n, e*n, e*n, e*n; left = n; s = 2; next }\n"
      "  s == 2 { printf \"AT %s %.17g %.17g %.17g\\n\", $0, k*$2, k*$3, k*$4; if (--left == 0) s = 0 }' \"$atoms\"");
  programs.timeout_seconds = 60.0;
  return programs;
}

// gap_fit stand-in writing the fixed potential and keeping its training file in `seen`.
std::string writing_gap_fit(const std::string& seen) {
  return "config=${1#config_file=}\n"
         "cp \"$(sed -n 's/^at_file=//p' \"$config\")\" " + seen + "\n"
         "printf '" + potential_text.substr(0, potential_text.size() - 1) + "\\n' > \"$(sed -n 's/^gp_file=//p' \"$config\")\"";
}

// Rank r's contiguous block of the frames, in global order (a rank may get none).
std::pair<std::vector<Frame>, std::int64_t> block_of(const std::vector<Frame>& frames) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::size_t first = frames.size() * static_cast<std::size_t>(rank) / static_cast<std::size_t>(size);
  const std::size_t last = frames.size() * static_cast<std::size_t>(rank + 1) / static_cast<std::size_t>(size);
  return {std::vector<Frame>(frames.begin() + static_cast<long>(first), frames.begin() + static_cast<long>(last)),
          static_cast<std::int64_t>(first)};
}

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

}  // namespace

TEST_CASE("quip model: rank 0 fits every rank's frames with gap_fit, every rank gets the potential", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-model");
  const std::vector<Frame> frames = hykal::test::lennard_jones_frames(2, 17);  // 3 frames: at 4 ranks one rank has none
  const auto [local, first] = block_of(frames);
  const hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(5);
  const hykal::gap::QuipBackendSettings programs = fake_programs(directory, writing_gap_fit(directory.file("seen.xyz")));

  const hykal::gap::GapModel model = hykal::gap::fit_quip_model(local, first, settings, programs, MPI_COMM_WORLD);
  CHECK(model.backend == "quip");
  CHECK(model.quip_xml == potential_text);
  CHECK(model.species == std::vector<int>{18});
  CHECK(model.training.n_frames == static_cast<std::int64_t>(frames.size()));
  CHECK(model.training.frames_hash == hykal::gap::model_record(frames, 0, settings, MPI_COMM_SELF).training.frames_hash);
  REQUIRE(model.terms.size() == 1);
  CHECK(model.terms[0].sparse_points.empty());
  if (world_rank() == 0) {
    const std::vector<Frame> seen = hykal::io::read_extxyz(directory.file("seen.xyz"));
    REQUIRE(seen.size() == frames.size());
    for (std::size_t f = 0; f < seen.size(); ++f) {
      INFO("frame " << f);
      CHECK(seen[f].positions == frames[f].positions);
      CHECK(seen[f].energy == frames[f].energy);
      CHECK(seen[f].forces == frames[f].forces);
    }
  }

  // Each rank's own frames through quip.
  const std::vector<hykal::gap::Prediction> predictions = hykal::gap::predict_with_quip_model(model, local, programs);
  REQUIRE(predictions.size() == local.size());
  for (std::size_t f = 0; f < local.size(); ++f) {
    const double n = static_cast<double>(local[f].n_atoms());
    CHECK(predictions[f].energy == -2.5 * n);
    CHECK(predictions[f].forces == -0.125 * local[f].positions);
    CHECK(predictions[f].virial == Eigen::Matrix3d::Identity() * (-2.5 * n));
  }
  CHECK(std::filesystem::exists(directory.file("quip_ran")) == !local.empty());
}

TEST_CASE("quip model: a failing gap_fit is the same error on every rank, and no model", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-model-fails");
  const auto [local, first] = block_of(hykal::test::lennard_jones_frames(2, 17));
  const hykal::gap::QuipBackendSettings programs =
      fake_programs(directory, "echo 'SYSTEM ABORT: fake gap_fit failure'\nexit 1");
  CHECK_THROWS_WITH(hykal::gap::fit_quip_model(local, first, hykal::test::lennard_jones_fit_settings(5), programs, MPI_COMM_WORLD),
                    Catch::Contains("gap.gap_fit") && Catch::Contains("exit status 1") &&
                        Catch::Contains("SYSTEM ABORT: fake gap_fit failure"));
}

TEST_CASE("quip model: a frame with a species the model lacks is refused before quip runs", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-model-species");
  const hykal::gap::QuipBackendSettings programs = fake_programs(directory, "exit 1");
  hykal::gap::GapModel model;
  model.backend = "quip";
  model.quip_xml = potential_text;
  model.species = {18};
  model.e0 = {{18, 0.0}};
  std::vector<Frame> frames = hykal::test::lennard_jones_frames(1, 5);
  frames.back().atomic_numbers[3] = 36;
  frames.back().source_file = "krypton.xyz";
  frames.back().source_index = 7;
  CHECK_THROWS_WITH(hykal::gap::predict_with_quip_model(model, frames, programs),
                    Catch::Contains("krypton.xyz, frame 7") && Catch::Contains("species Kr is not in the GAP model"));
  CHECK_FALSE(std::filesystem::exists(directory.file("quip_ran")));
}
