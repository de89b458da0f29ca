// Bad input to the GAP fit and prediction: each case ends in one InputError naming the setting
// or frame at fault, the same on every rank (no hang), and a singular system is either solved or
// reported, never answered with NaN coefficients.
#include "hykal/error.hpp"
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"

#include "gap_test_support.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>

namespace {

// Frames of the world split in contiguous blocks, fitted on the world.
hykal::gap::GapModel fit_on_world(const std::vector<hykal::io::Frame>& frames, const hykal::gap::FitSettings& settings) {
  const auto [local, first] = hykal::test::block_of(frames, MPI_COMM_WORLD);
  return hykal::gap::fit_gap(local, first, settings, MPI_COMM_WORLD);
}

}  // namespace

TEST_CASE("GAP fit: forces asked for but absent", "[gap]") {
  std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(4, 1);
  for (hykal::io::Frame& frame : frames) frame.forces.resize(0, 3);
  CHECK_THROWS_WITH(fit_on_world(frames, hykal::test::lennard_jones_fit_settings(5)),
                    Catch::Contains("gap.sigma_force") && Catch::Contains("no training frame has forces"));
}

TEST_CASE("GAP fit: no isolated atom for e0 = isolated", "[gap]") {
  std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(4, 1);
  frames.erase(frames.begin());  // the one-atom frame
  CHECK_THROWS_WITH(fit_on_world(frames, hykal::test::lennard_jones_fit_settings(5)),
                    Catch::Contains("gap.e0") && Catch::Contains("Ar"));
}

TEST_CASE("GAP fit: more sparse points than environments", "[gap]") {
  const std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(1, 1);
  CHECK_THROWS_WITH(fit_on_world(frames, hykal::test::lennard_jones_fit_settings(100000)),
                    Catch::Contains("gap.two_body_n_sparse = 100000") && Catch::Contains("Ar-Ar"));
}

TEST_CASE("GAP prediction: a species absent from the model", "[gap]") {
  const std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(2, 1);
  const hykal::gap::GapModel model = fit_on_world(frames, hykal::test::lennard_jones_fit_settings(5));
  hykal::io::Frame krypton = frames[1];
  krypton.atomic_numbers[3] = 36;
  krypton.source_file = "krypton.xyz";
  CHECK_THROWS_WITH(hykal::gap::GapPredictor(model).predict(krypton),
                    Catch::Contains("krypton.xyz") && Catch::Contains("Kr is not in the GAP model"));
}

TEST_CASE("GAP fit: a singular system is solved or reported, never NaN", "[gap]") {
  // Every frame twice and no jitter: K_MM of points 0.05 Å apart with θ = 1 Å is singular in
  // double precision.
  std::vector<hykal::io::Frame> frames = hykal::test::lennard_jones_frames(3, 1);
  const std::vector<hykal::io::Frame> copy = frames;
  frames.insert(frames.end(), copy.begin(), copy.end());
  hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(80);
  settings.terms[0].covariance_parameter = 1.0;
  settings.sparse_jitter = 0.0;
  try {
    const hykal::gap::GapModel model = fit_on_world(frames, settings);
    CHECK(model.terms[0].coefficients[0].allFinite());
  } catch (const hykal::InputError& error) {
    CHECK_THAT(error.what(), Catch::Contains("gap.sparse_jitter"));
  }
}
