#pragma once
// One local environment of a GAP descriptor with the derivatives a fit needs (METHOD.md §7).
//
// This is the hand-off between the descriptors of the potential (two-body, SOAP) and the sparse
// GP: a descriptor term produces environments one centre at a time, the GP turns the kernel
// derivative ∂k/∂q of that centre into force and virial rows at once and drops it, so dq/dr is
// never stored for a whole frame (≈100 MB for a 240-atom frame at the authors' SOAP settings).
//
// Derivatives are taken with respect to the displacement r_ij = r_j + T − r_i of each neighbour
// image j of centre i. The chain rule then gives, for a local energy ε(q):
//   force on atom(j)  −= ∂ε/∂r_ij        force on the centre += ∂ε/∂r_ij
//   virial            −= r_ij ⊗ ∂ε/∂r_ij   (eV; METHOD.md §7, ASE/QUIP sign convention)
// A neighbour that appears as several periodic images has one entry per image.
#include <Eigen/Core>

#include <vector>

namespace hykal::gap {

struct NeighbourDerivative {
  int atom = 0;                  // frame index of the neighbour (periodic images mapped back)
  Eigen::Vector3d displacement;  // r_ij, Å
  // ∂q/∂r_ij, p × 3 (1/Å).
  Eigen::Matrix<double, Eigen::Dynamic, 3> dq_dr;
  // ∂w/∂r_ij (1/Å): the environment's cutoff weight w depends on the displacement (two-body);
  // zero where the cutoff acts inside q instead (SOAP applies it to the neighbour density).
  Eigen::Vector3d dweight_dr = Eigen::Vector3d::Zero();
};

struct Environment {
  int centre = 0;     // frame index of the centre atom
  int channel = 0;    // which sub-model: species pair (two-body) or central species (SOAP)
  Eigen::VectorXd q;  // the descriptor, length p
  // The local energy is w · δ² Σ_m α_m k(q, x_m); w is 2 f_c for a two-body pair (counted from
  // both ends, two_body_term.hpp) and 1 for SOAP.
  double weight = 1.0;
  std::vector<NeighbourDerivative> neighbours;  // empty when only energies are needed
};

}  // namespace hykal::gap
