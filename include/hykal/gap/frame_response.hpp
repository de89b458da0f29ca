#pragma once
// How a frame's energy, forces and virial respond to the columns of a sparse GP (METHOD.md §7):
// each observation is a linear functional of the local energies, so with local energies
// ε = w δ² Σ_c k_c(q) β_c the observations are rows times β. In the fit the columns are the
// sparse points (β = α, these are the rows of K_NM); in prediction there is one column (k
// already contracted with α). Environments are added one at a time and their descriptor
// gradients dropped afterwards (environment.hpp: chain rule and sign convention).
#include "hykal/gap/environment.hpp"

#include <Eigen/Core>

namespace hykal::gap {

// Virial components in Voigt order xx, yy, zz, yz, xz, xy (eV). The model's virial is
// symmetric in total, so each pair (a, b) is taken as ½(W_ab + W_ba).
constexpr int virial_components = 6;
constexpr int voigt_row[virial_components] = {0, 1, 2, 1, 0, 0};
constexpr int voigt_col[virial_components] = {0, 1, 2, 2, 2, 1};

struct FrameResponse {
  FrameResponse(int n_atoms, int columns, bool with_forces, bool with_virial);

  Eigen::RowVectorXd energy;  // 1 × C, eV (without e0)
  Eigen::MatrixXd forces;     // 3·n_atoms × C, row 3a + x, eV/Å; 0 rows without forces
  Eigen::MatrixXd virial;     // 6 × C, eV; 0 rows without virial
};

// Adds one environment: k (length c) are the covariances of its q with the columns
// first_column … first_column + c − 1 and dk_dq (p × c) their gradients with respect to q
// (unused when the response has neither forces nor virial).
void add_environment(const Environment& environment, double delta_squared, const Eigen::VectorXd& k,
                     const Eigen::MatrixXd& dk_dq, int first_column, FrameResponse& response);

}  // namespace hykal::gap
