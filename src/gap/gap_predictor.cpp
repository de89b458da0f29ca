#include "hykal/gap/gap_predictor.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/frame_response.hpp"
#include "hykal/io/periodic_table.hpp"

#include <string>

namespace hykal::gap {

GapPredictor::GapPredictor(const GapModel& model) : model_(&model) {
  HYKAL_ASSERT(model.backend == "builtin", "a model of the built-in backend (quip models: quip_model.hpp)");
  for (const TrainedTerm& term : model.terms) built_.push_back(build_term(term.settings, model.species));
}

double e0_sum(const GapModel& model, const io::Frame& frame) {
  double sum = 0.0;
  for (int z : frame.atomic_numbers) {
    const auto e0 = model.e0.find(z);
    if (e0 == model.e0.end()) {
      throw InputError(frame.source_file + ", frame " + std::to_string(frame.source_index) + ": species " +
                       std::string(io::element_symbol(z)) + " is not in the GAP model");
    }
    sum += e0->second;
  }
  return sum;
}

Prediction GapPredictor::predict(const io::Frame& frame) const {
  const int n_atoms = static_cast<int>(frame.n_atoms());
  const double frame_e0 = e0_sum(*model_, frame);
  // One column: the local energy with α already contracted into k and ∂k/∂q.
  FrameResponse response(n_atoms, 1, true, true);
  Eigen::VectorXd k_alpha(1);
  for (std::size_t t = 0; t < built_.size(); ++t) {
    const TrainedTerm& term = model_->terms[t];
    const Covariance& covariance = *built_[t].covariance;
    const double delta_squared = term.settings.delta * term.settings.delta;
    built_[t].descriptor->for_each_environment(frame, true, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      const Eigen::MatrixXd& sparse = term.sparse_points[c];
      const Eigen::VectorXd& alpha = term.coefficients[c];
      if (alpha.size() == 0) return;
      const Contraction contraction = covariance.contracted(environment.q, sparse, alpha);
      k_alpha[0] = contraction.value;
      add_environment(environment, delta_squared, k_alpha, contraction.gradient, 0, response);
    });
  }
  Prediction prediction;
  prediction.energy = frame_e0 + response.energy[0];
  prediction.forces = Eigen::Map<const io::AtomVectors>(response.forces.data(), n_atoms, 3);
  for (int v = 0; v < virial_components; ++v) {
    prediction.virial(voigt_row[v], voigt_col[v]) = response.virial(v, 0);
    prediction.virial(voigt_col[v], voigt_row[v]) = response.virial(v, 0);
  }
  return prediction;
}

}  // namespace hykal::gap
