#pragma once
// Settings and data shared by the GAP tests: a two-body model of the Lennard-Jones frames of
// lennard_jones_frames.hpp, and the relative error measure max |diff| / max |ref|.
#include "hykal/gap/gap_fit.hpp"

#include "lennard_jones_frames.hpp"

#include <Eigen/Core>
#include <mpi.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace hykal::test {

inline gap::TermSettings two_body_settings(int n_sparse, double theta = 0.4, double delta = 0.5) {
  gap::TermSettings term;
  term.descriptor = "two_body";
  term.descriptor_values = {{"cutoff", LennardJones{}.cutoff}, {"cutoff_transition_width", LennardJones{}.width}};
  term.covariance = "squared_exponential";
  term.covariance_parameter = theta;
  term.delta = delta;
  term.n_sparse = n_sparse;
  term.sparse_method = "uniform";
  return term;
}

// A small SOAP term (dot-product covariance, ζ = 4, CUR sparse points) on the same cutoff.
inline gap::TermSettings soap_settings(int n_sparse) {
  gap::TermSettings term;
  term.descriptor = "soap";
  term.descriptor_values = {{"cutoff", LennardJones{}.cutoff},
                            {"cutoff_transition_width", LennardJones{}.width},
                            {"l_max", 3},
                            {"n_max", 3},
                            {"atom_sigma", 0.5}};
  term.covariance = "dot_product";
  term.covariance_parameter = 4;
  term.delta = 0.1;
  term.n_sparse = n_sparse;
  term.sparse_method = "cur";
  return term;
}

inline gap::FitSettings lennard_jones_fit_settings(int n_sparse = 40) {
  gap::FitSettings settings;
  settings.terms = {two_body_settings(n_sparse)};
  settings.sigma_energy = 0.0005;
  settings.sigma_force = 0.005;
  settings.sigma_virial = 0.005;
  settings.sparse_jitter = 1e-10;
  return settings;
}

// n periodic frames of 12 Lennard-Jones atoms in slightly sheared 8–9 Å cells, labelled, and
// (first) one isolated atom of energy 0 for e0 = isolated.
inline std::vector<io::Frame> lennard_jones_frames(int n, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> edge(8.0, 9.0);
  std::uniform_real_distribution<double> shear(-0.5, 0.5);
  std::vector<io::Frame> frames;
  io::Frame isolated;
  isolated.atomic_numbers = {18};
  isolated.positions = io::AtomVectors::Zero(1, 3);
  isolated.energy = 0.0;
  isolated.forces = io::AtomVectors::Zero(1, 3);
  isolated.source_file = "lennard-jones";
  frames.push_back(isolated);
  const LennardJones lj;
  for (int f = 0; f < n; ++f) {
    Eigen::Matrix3d cell;
    cell << edge(random), 0.0, 0.0, shear(random), edge(random), 0.0, shear(random), shear(random), edge(random);
    io::Frame frame = random_frame(random, 12, 18, cell, 0.0, 2.3);
    frame.source_index = f + 1;
    lj.label(frame);
    frames.push_back(std::move(frame));
  }
  return frames;
}

// This rank's contiguous block of frames over comm, and the global index of its first frame.
inline std::pair<std::vector<io::Frame>, std::int64_t> block_of(const std::vector<io::Frame>& frames, MPI_Comm comm) {
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::size_t first = frames.size() * static_cast<std::size_t>(rank) / static_cast<std::size_t>(size);
  const std::size_t last = frames.size() * static_cast<std::size_t>(rank + 1) / static_cast<std::size_t>(size);
  return {std::vector<io::Frame>(frames.begin() + first, frames.begin() + last), static_cast<std::int64_t>(first)};
}

inline double relative_difference(const Eigen::Ref<const Eigen::MatrixXd>& ours,
                                  const Eigen::Ref<const Eigen::MatrixXd>& reference) {
  return (ours - reference).cwiseAbs().maxCoeff() / reference.cwiseAbs().maxCoeff();
}

}  // namespace hykal::test
