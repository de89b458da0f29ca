#include "hykal/gap/gap_settings.hpp"

#include "hykal/error.hpp"

#include <string>

namespace hykal::gap {

FitSettings fit_settings(const GapSettings& settings) {
  FitSettings fit;
  if (settings.two_body_n_sparse > 0) {
    TermSettings two_body;
    two_body.descriptor = "two_body";
    two_body.descriptor_values = {{"cutoff", settings.cutoff}, {"cutoff_transition_width", settings.cutoff_transition_width}};
    two_body.covariance = "squared_exponential";
    two_body.covariance_parameter = settings.two_body_theta;
    two_body.delta = settings.two_body_delta;
    two_body.n_sparse = settings.two_body_n_sparse;
    two_body.sparse_method = "uniform";
    fit.terms.push_back(two_body);
  }
  if (settings.soap_n_sparse > 0) {
    TermSettings soap;
    soap.descriptor = "soap";
    soap.descriptor_values = {{"cutoff", settings.cutoff},
                              {"cutoff_transition_width", settings.cutoff_transition_width},
                              {"l_max", settings.soap_l_max},
                              {"n_max", settings.soap_n_max},
                              {"atom_sigma", settings.soap_atom_sigma}};
    soap.covariance = "dot_product";
    soap.covariance_parameter = settings.soap_zeta;
    soap.delta = settings.soap_delta;
    soap.n_sparse = settings.soap_n_sparse;
    soap.sparse_method = "cur";
    fit.terms.push_back(soap);
  }
  fit.sigma_energy = settings.sigma_energy;
  fit.sigma_force = settings.sigma_force;
  fit.sigma_virial = settings.sigma_virial;
  fit.sparse_jitter = settings.sparse_jitter;
  fit.e0 = settings.e0;
  fit.seed = settings.seed;
  fit.block_size = settings.block_size;
  return fit;
}

void check(const GapSettings& settings) {
  const auto not_negative = [](int value, const std::string& key) {
    if (value < 0) throw InputError(key + ": must be 0 (term off) or a positive number of sparse points, got " + std::to_string(value));
  };
  not_negative(settings.two_body_n_sparse, "gap.two_body_n_sparse");
  not_negative(settings.soap_n_sparse, "gap.soap_n_sparse");
  if (!(settings.fit_timeout >= 0.0)) throw InputError("gap.fit_timeout: must be 0 (no limit) or positive");
  check_fit_settings(fit_settings(settings));
}

}  // namespace hykal::gap
