// A sparse GP whose sparse set is every training environment is the full GP (the sparse
// approximation is exact when K_NM = A K_MM with K_MM invertible; Woodbury). Reference: the full
// GP posterior mean of frame energies computed here with Eigen from its own pair enumeration:
// E* = c*ᵀ (C + Σ)⁻¹ y with C_fg = δ² Σ_{p∈f, q∈g} w_p w_q k(r_p, r_q), w the cosine cutoff and
// Σ = diag(σ_E² N_f), where p and q run over ordered pairs (i, j ≠ i): gap_fit's distance_Nb
// (compact_clusters=T) has one descriptor per centre and neighbour, so each pair enters twice.
// Molecules of three atoms, energies only, e0 = 0.
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"

#include "gap_test_support.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>

namespace {

const hykal::test::LennardJones reference_potential;

// Pair distances of a molecule within the cutoff, each pair from both ends (i, j) and (j, i).
std::vector<double> pair_distances(const hykal::io::Frame& frame) {
  std::vector<double> distances;
  for (Eigen::Index i = 0; i < frame.positions.rows(); ++i) {
    for (Eigen::Index j = 0; j < frame.positions.rows(); ++j) {
      if (j == i) continue;
      const double r = (frame.positions.row(j) - frame.positions.row(i)).norm();
      if (r < reference_potential.cutoff) distances.push_back(r);
    }
  }
  return distances;
}

double cutoff_weight(double r) {
  const double start = reference_potential.cutoff - reference_potential.width;
  if (r <= start) return 1.0;
  return 0.5 * (1.0 + std::cos(std::acos(-1.0) * (r - start) / reference_potential.width));
}

// Prior covariance of the energies of frames f and g.
double energy_covariance(const hykal::io::Frame& f, const hykal::io::Frame& g, double delta, double theta) {
  double sum = 0.0;
  for (double r : pair_distances(f)) {
    for (double s : pair_distances(g)) {
      sum += cutoff_weight(r) * cutoff_weight(s) * std::exp(-(r - s) * (r - s) / (2 * theta * theta));
    }
  }
  return delta * delta * sum;
}

std::vector<hykal::io::Frame> molecules(int n, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<hykal::io::Frame> frames;
  for (int f = 0; f < n; ++f) {
    hykal::io::Frame frame = hykal::test::random_frame(random, 3, 18, Eigen::Matrix3d::Zero(), 3.5, 2.4);
    frame.source_index = f;
    reference_potential.label(frame);
    frame.forces.resize(0, 3);
    frame.virial.reset();
    frames.push_back(frame);
  }
  return frames;
}

}  // namespace

TEST_CASE("A sparse GP on every environment equals the full GP", "[gap]") {
  const std::vector<hykal::io::Frame> training = molecules(6, 5);
  const std::vector<hykal::io::Frame> test_frames = molecules(3, 6);
  int n_environments = 0;  // hykal visits each pair once
  for (const hykal::io::Frame& frame : training) n_environments += static_cast<int>(pair_distances(frame).size()) / 2;

  hykal::gap::FitSettings settings;
  settings.terms = {hykal::test::two_body_settings(n_environments, 0.15, 0.5)};
  settings.terms[0].sparse_method = "cur";  // all environments: the sampling keeps every one
  settings.sigma_energy = 0.01;
  settings.sparse_jitter = 1e-12;
  settings.e0 = hykal::gap::parse_e0("Ar:0");
  const auto& term = settings.terms[0];

  const auto [local, first] = hykal::test::block_of(training, MPI_COMM_WORLD);
  const hykal::gap::GapModel model = hykal::gap::fit_gap(local, first, settings, MPI_COMM_WORLD);
  REQUIRE(model.terms[0].sparse_points[0].rows() == n_environments);
  const hykal::gap::GapPredictor predictor(model);

  const auto n = static_cast<Eigen::Index>(training.size());
  Eigen::MatrixXd covariance(n, n);
  Eigen::VectorXd energies(n);
  for (Eigen::Index f = 0; f < n; ++f) {
    energies[f] = *training[f].energy;
    for (Eigen::Index g = 0; g < n; ++g) {
      covariance(f, g) = energy_covariance(training[f], training[g], term.delta, term.covariance_parameter);
    }
    covariance(f, f) += std::pow(settings.sigma_energy, 2) * static_cast<double>(training[f].n_atoms());
  }
  const Eigen::VectorXd weights = covariance.ldlt().solve(energies);
  for (const hykal::io::Frame& frame : test_frames) {
    double full_gp = 0.0;
    for (Eigen::Index g = 0; g < n; ++g) {
      full_gp += energy_covariance(frame, training[g], term.delta, term.covariance_parameter) * weights[g];
    }
    const double sparse_gp = predictor.predict(frame).energy;
    INFO("full GP " << full_gp << " eV, sparse GP " << sparse_gp << " eV");
    CHECK(std::abs(full_gp) > 1e-3);
    CHECK(std::abs(sparse_gp - full_gp) < 1e-8 * std::abs(full_gp) + 1e-10);
  }
}
