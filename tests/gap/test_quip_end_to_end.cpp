// The real QUIP programs behind gap.backend = quip: gap_fit fits the Lennard-Jones frames of
// lennard_jones_frames.hpp and quip predicts held-out frames, compared with the analytic
// Lennard-Jones energies, forces and virials. Runs only where gap_fit and quip are on PATH; else
// the test skips (exit 77, reported by ctest as skipped, never as passed).
#include "hykal/error.hpp"
#include "hykal/gap/child_process.hpp"
#include "hykal/gap/quip_backend.hpp"

#include "fake_programs.hpp"
#include "gap_test_support.hpp"
#include "test_skip.hpp"

#include <catch2/catch.hpp>

#include <cmath>

TEST_CASE("QUIP's gap_fit and quip recover a Lennard-Jones potential on held-out frames", "[gap][quip]") {
  std::string missing;
  for (const char* program : {"gap_fit", "quip"}) {
    try {
      hykal::gap::find_program(program, "gap.backend");
    } catch (const hykal::InputError&) {
      missing += std::string(missing.empty() ? "" : " and ") + program;
    }
  }
  if (!missing.empty()) {
    hykal::test::skip("QUIP's " + missing + " not on PATH");
    return;
  }
  const hykal::test::ScratchDirectory directory("hykal-quip-end-to-end");
  hykal::gap::QuipBackendSettings backend;
  backend.timeout_seconds = 600.0;
  backend.work_directory = directory.file("work");
  const std::vector<hykal::io::Frame> training = hykal::test::lennard_jones_frames(30, 2024);
  const std::vector<hykal::io::Frame> held_out = hykal::test::lennard_jones_frames(10, 7);
  CHECK_FALSE(hykal::gap::gap_fit_memory_estimate(training, hykal::test::lennard_jones_fit_settings(40), backend).empty());
  const hykal::gap::QuipPotential potential =
      hykal::gap::fit_with_gap_fit(training, hykal::test::lennard_jones_fit_settings(40), backend);
  // sparse_separate_file=F: no <gp_file>.sparseX.* side files.
  for (const auto& entry : std::filesystem::directory_iterator(backend.work_directory))
    CHECK(entry.path().filename().string().find("sparseX") == std::string::npos);

  const std::vector<hykal::gap::Prediction> predictions = hykal::gap::predict_with_quip(potential, held_out, backend);
  REQUIRE(predictions.size() == held_out.size());
  double sums[4] = {0.0, 0.0, 0.0, 0.0};  // Σ (ΔE/N)², Σ ΔF², force components, Σ (ΔW/N)²
  for (std::size_t f = 1; f < held_out.size(); ++f) {  // frame 0 is the isolated atom
    const hykal::io::Frame& frame = held_out[f];
    const double n = static_cast<double>(frame.n_atoms());
    sums[0] += std::pow((predictions[f].energy - *frame.energy) / n, 2);
    sums[1] += (predictions[f].forces - frame.forces).squaredNorm();
    sums[2] += static_cast<double>(frame.forces.size());
    sums[3] += (predictions[f].virial - *frame.virial).squaredNorm() / (9.0 * n * n);
  }
  const double frames = static_cast<double>(held_out.size() - 1);
  const double energy_rmse = std::sqrt(sums[0] / frames);
  const double force_rmse = std::sqrt(sums[1] / sums[2]);
  const double virial_rmse = std::sqrt(sums[3] / frames);
  INFO("held-out RMSE: " << energy_rmse * 1000 << " meV/atom, " << force_rmse << " eV/Å, " << virial_rmse * 1000
                         << " meV/atom (virial)");
  CHECK(energy_rmse < 2e-3);
  CHECK(force_rmse < 0.02);
  CHECK(virial_rmse < 0.05);
}
