#include "hykal/gap/term_settings.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/soap_term.hpp"
#include "hykal/gap/two_body_term.hpp"

#include <cmath>

namespace hykal::gap {

namespace {

double required_value(const TermSettings& settings, const std::string& name) {
  const auto found = settings.descriptor_values.find(name);
  if (found == settings.descriptor_values.end()) {
    // The cutoff keys are shared by the terms; the others carry the descriptor's prefix.
    const bool shared = name == "cutoff" || name == "cutoff_transition_width";
    throw InputError("gap." + (shared ? name : settings.descriptor + "_" + name) + ": missing for the " +
                     settings.descriptor + " descriptor");
  }
  return found->second;
}

int required_integer(const TermSettings& settings, const std::string& name) {
  const double value = required_value(settings, name);
  if (value != std::floor(value)) {
    throw InputError("gap." + settings.descriptor + "_" + name + ": must be an integer, got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

SmoothCutoff smooth_cutoff(const TermSettings& settings) {
  const SmoothCutoff cutoff{required_value(settings, "cutoff"), required_value(settings, "cutoff_transition_width")};
  if (!(cutoff.cutoff > 0.0)) throw InputError("gap.cutoff: must be positive, got " + std::to_string(cutoff.cutoff));
  if (!(cutoff.transition_width >= 0.0) || cutoff.transition_width > cutoff.cutoff) {
    throw InputError("gap.cutoff_transition_width: must lie in [0, gap.cutoff], got " +
                     std::to_string(cutoff.transition_width));
  }
  return cutoff;
}

std::unique_ptr<DescriptorTerm> make_descriptor_term(const TermSettings& settings, const std::vector<int>& species) {
  if (settings.descriptor == "two_body") return std::make_unique<TwoBodyTerm>(species, smooth_cutoff(settings));
  if (settings.descriptor == "soap") {
    SoapTermSettings soap;
    soap.species = species;
    soap.cutoff = required_value(settings, "cutoff");
    soap.cutoff_transition_width = required_value(settings, "cutoff_transition_width");
    soap.l_max = required_integer(settings, "l_max");
    soap.n_max = required_integer(settings, "n_max");
    soap.atom_sigma = required_value(settings, "atom_sigma");
    try {
      return std::make_unique<SoapTerm>(soap);
    } catch (const SettingError& error) {  // SoapTerm names the quantity; the user wrote a gap.* key
      const bool shared = error.quantity() == "cutoff" || error.quantity() == "cutoff_transition_width";
      throw InputError("gap." + std::string(shared ? "" : "soap_") + error.quantity() + ": " + error.problem());
    }
  }
  throw InputError("unknown GAP descriptor '" + settings.descriptor + "' (two_body, soap)");
}

}  // namespace

BuiltTerm build_term(const TermSettings& settings, const std::vector<int>& species) {
  const std::string parameter_key =
      "gap." + settings.descriptor + (settings.covariance == "dot_product" ? "_zeta" : "_theta");
  return BuiltTerm{make_descriptor_term(settings, species),
                   make_covariance(settings.covariance, settings.covariance_parameter, parameter_key)};
}

}  // namespace hykal::gap
