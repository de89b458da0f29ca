#include "hykal/gap/term_settings.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/two_body_term.hpp"

namespace hykal::gap {

namespace {

double required_value(const TermSettings& settings, const std::string& name) {
  const auto found = settings.descriptor_values.find(name);
  if (found == settings.descriptor_values.end()) {
    throw InputError("gap." + name + ": missing for the " + settings.descriptor + " descriptor");
  }
  return found->second;
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
  throw InputError("unknown GAP descriptor '" + settings.descriptor + "' (two_body)");
}

}  // namespace

BuiltTerm build_term(const TermSettings& settings, const std::vector<int>& species) {
  const std::string parameter_key =
      "gap." + settings.descriptor + (settings.covariance == "dot_product" ? "_zeta" : "_theta");
  return BuiltTerm{make_descriptor_term(settings, species),
                   make_covariance(settings.covariance, settings.covariance_parameter, parameter_key)};
}

}  // namespace hykal::gap
