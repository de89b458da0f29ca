#include "hykal/gap/frame_response.hpp"

#include "hykal/error.hpp"

namespace hykal::gap {

FrameResponse::FrameResponse(int n_atoms, int columns, bool with_forces, bool with_virial)
    : energy(Eigen::RowVectorXd::Zero(columns)),
      forces(Eigen::MatrixXd::Zero(with_forces ? 3 * n_atoms : 0, columns)),
      virial(Eigen::MatrixXd::Zero(with_virial ? virial_components : 0, columns)) {}

void add_environment(const Environment& environment, double delta_squared, const Eigen::VectorXd& k,
                     const Eigen::MatrixXd& dk_dq, int first_column, FrameResponse& response) {
  const auto c = k.size();
  const double w = environment.weight;
  response.energy.segment(first_column, c) += (delta_squared * w) * k.transpose();
  if (response.forces.rows() == 0 && response.virial.rows() == 0) return;
  HYKAL_ASSERT(environment.neighbours.empty() || dk_dq.rows() == environment.q.size(), "gradient shape");
  Eigen::MatrixXd g(3, c);
  for (const NeighbourDerivative& neighbour : environment.neighbours) {
    // ∂ε_c/∂r_ij = δ² (∂w/∂r_ij k_c + w (∂q/∂r_ij)ᵀ ∂k_c/∂q), 3 × c
    g.noalias() = neighbour.dweight_dr * k.transpose();
    g.noalias() += w * (neighbour.dq_dr.transpose() * dk_dq);
    g *= delta_squared;
    if (response.forces.rows() > 0) {
      response.forces.block(3 * neighbour.atom, first_column, 3, c) -= g;
      response.forces.block(3 * environment.centre, first_column, 3, c) += g;
    }
    for (int v = 0; v < response.virial.rows(); ++v) {
      const int a = voigt_row[v];
      const int b = voigt_col[v];
      response.virial.row(v).segment(first_column, c) -=
          0.5 * (neighbour.displacement[a] * g.row(b) + neighbour.displacement[b] * g.row(a));
    }
  }
}

}  // namespace hykal::gap
