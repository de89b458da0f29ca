#include "hykal/learning/gap_hyperparameters.hpp"

#include "hykal/error.hpp"

#include <cmath>

namespace hykal::learning {

gap::GapSettings with_hyperparameters(gap::GapSettings configured, const SearchSpace& space,
                                      const std::vector<double>& values) {
  HYKAL_ASSERT(values.size() == space.dimension(), "one value per searched hyperparameter");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& name = space.parameters()[i].name;
    const double value = values[i];
    const int count = static_cast<int>(std::lround(value));
    if (name == "cutoff") {
      configured.cutoff = value;
    } else if (name == "delta") {
      configured.two_body_delta = value;
      configured.soap_delta = value;
    } else if (name == "two_body_n_sparse") {
      configured.two_body_n_sparse = count;
    } else if (name == "soap_n_sparse") {
      configured.soap_n_sparse = count;
    } else if (name == "soap_l_max") {
      configured.soap_l_max = count;
    } else if (name == "soap_n_max") {
      configured.soap_n_max = count;
    } else if (name == "soap_atom_sigma") {
      configured.soap_atom_sigma = value;
    } else {
      HYKAL_THROW("searched hyperparameter '" + name + "' is no GAP setting");
    }
  }
  return configured;
}

gap::FitSettings fit_settings_at(const gap::GapSettings& configured, const SearchSpace& space,
                                 const std::vector<double>& values) {
  return gap::fit_settings(with_hyperparameters(configured, space, values));
}

}  // namespace hykal::learning
