#pragma once
// Helpers of the SOAP-term tests: small frames, every q of a frame, and the energy
// E = Σ_env c_channel · q_env with fixed random c, its forces and virial by the chain rule of
// gap/environment.hpp.
#include "hykal/gap/soap_term.hpp"

#include <Eigen/Core>

#include <random>
#include <vector>

namespace hykal::test {

// Triclinic periodic cell with edges of 3.0–3.4 Å, shorter than the 4.91 Å cutoff: every atom
// sees several of its own images. Two species (As, Te), no symmetry.
inline io::Frame small_triclinic_cell() {
  io::Frame frame;
  frame.cell << 3.1, 0.0, 0.0,  //
      0.8, 2.95, 0.0,           //
      -0.6, 0.7, 3.25;
  frame.pbc = {true, true, true};
  frame.atomic_numbers = {33, 52, 52, 52};
  const Eigen::Matrix<double, 4, 3> fractional = (Eigen::Matrix<double, 4, 3>() <<  //
      0.03, 0.11, 0.07,  //
      0.52, 0.43, 0.21,  //
      0.27, 0.81, 0.62,  //
      0.71, 0.12, 0.58).finished();
  frame.positions = fractional * frame.cell;
  frame.source_file = "small_triclinic_cell";
  return frame;
}

// A non-periodic As2Te3 cluster with every distance inside the 4.91 Å cutoff, some in the
// transition region.
inline io::Frame small_molecule() {
  io::Frame frame;
  frame.atomic_numbers = {33, 33, 52, 52, 52};
  frame.positions.resize(5, 3);
  frame.positions << 0.0, 0.0, 0.0,  //
      2.3, 1.1, 0.4,                 //
      1.2, -1.9, 0.7,                //
      -0.4, 1.8, 1.9,                //
      3.1, -0.8, 2.2;
  frame.source_file = "small_molecule";
  return frame;
}

// q of every environment, one row per centre in frame order.
inline Eigen::MatrixXd all_descriptors(const gap::SoapTerm& term, const io::Frame& frame) {
  Eigen::MatrixXd q(static_cast<Eigen::Index>(frame.n_atoms()), term.dimension());
  term.for_each_environment(frame, false, [&](const gap::Environment& environment) {
    q.row(environment.centre) = environment.q.transpose();
  });
  return q;
}

// Fixed random weights c_channel, one column per channel.
inline Eigen::MatrixXd random_weights(const gap::SoapTerm& term, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Eigen::MatrixXd weights(term.dimension(), term.channel_count());
  for (Eigen::Index i = 0; i < weights.size(); ++i) weights.data()[i] = uniform(generator);
  return weights;
}

inline double linear_energy(const gap::SoapTerm& term, const io::Frame& frame, const Eigen::MatrixXd& weights) {
  double energy = 0.0;
  term.for_each_environment(frame, false, [&](const gap::Environment& environment) {
    energy += weights.col(environment.channel).dot(environment.q);
  });
  return energy;
}

struct ForcesAndVirial {
  io::AtomVectors forces;
  Eigen::Matrix3d virial = Eigen::Matrix3d::Zero();  // eV, -Σ r_ij ⊗ ∂E/∂r_ij
};

// Forces and virial of linear_energy from the analytic ∂q/∂r_ij (environment.hpp's chain rule).
inline ForcesAndVirial analytic_forces_and_virial(const gap::SoapTerm& term, const io::Frame& frame,
                                                  const Eigen::MatrixXd& weights) {
  ForcesAndVirial result;
  result.forces = io::AtomVectors::Zero(static_cast<Eigen::Index>(frame.n_atoms()), 3);
  term.for_each_environment(frame, true, [&](const gap::Environment& environment) {
    for (const gap::NeighbourDerivative& neighbour : environment.neighbours) {
      const Eigen::Vector3d de_dr = neighbour.dq_dr.transpose() * weights.col(environment.channel);
      result.forces.row(neighbour.atom) -= de_dr.transpose();
      result.forces.row(environment.centre) += de_dr.transpose();
      result.virial -= neighbour.displacement * de_dr.transpose();
    }
  });
  return result;
}

}  // namespace hykal::test
