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
  // (∂q/∂r_ij)ᵀ ∂k/∂q for every neighbour at once: one (3·n × p)·(p × c) product reads dk_dq
  // once instead of once per neighbour.
  const auto n = static_cast<Eigen::Index>(environment.neighbours.size());
  const auto p = environment.q.size();
  Eigen::MatrixXd dq_dr_stacked(3 * n, p);
  for (Eigen::Index j = 0; j < n; ++j) dq_dr_stacked.middleRows(3 * j, 3) = environment.neighbours[j].dq_dr.transpose();
  Eigen::MatrixXd g = w * (dq_dr_stacked * dk_dq);  // rows 3j … 3j+2: neighbour j
  for (Eigen::Index j = 0; j < n; ++j) {
    const NeighbourDerivative& neighbour = environment.neighbours[static_cast<std::size_t>(j)];
    // ∂ε_c/∂r_ij = δ² (∂w/∂r_ij k_c + w (∂q/∂r_ij)ᵀ ∂k_c/∂q), 3 × c
    auto derivative = g.middleRows(3 * j, 3);
    derivative.noalias() += neighbour.dweight_dr * k.transpose();
    derivative *= delta_squared;
    if (response.forces.rows() > 0) {
      response.forces.block(3 * neighbour.atom, first_column, 3, c) -= derivative;
      response.forces.block(3 * environment.centre, first_column, 3, c) += derivative;
    }
    for (int v = 0; v < response.virial.rows(); ++v) {
      const int a = voigt_row[v];
      const int b = voigt_col[v];
      response.virial.row(v).segment(first_column, c) -=
          0.5 * (neighbour.displacement[a] * derivative.row(b) + neighbour.displacement[b] * derivative.row(a));
    }
  }
}

}  // namespace hykal::gap
