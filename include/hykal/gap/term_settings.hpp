#pragma once
// What defines one term of a GAP model (METHOD.md §7) in plain values, so that the fit, the model
// file and prediction all build the same descriptor and covariance from it.
#include "hykal/gap/covariance.hpp"
#include "hykal/gap/descriptor_term.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hykal::gap {

struct TermSettings {
  std::string descriptor;                          // "two_body" | "soap" (also the gap.* key prefix)
  // two_body: cutoff, cutoff_transition_width (Å); soap: those and l_max, n_max, atom_sigma (Å)
  std::map<std::string, double> descriptor_values;
  std::string covariance;                          // "squared_exponential" | "dot_product"
  double covariance_parameter = 1.0;               // θ (Å) or ζ
  double delta = 1.0;                              // δ, eV
  int n_sparse = 0;                                // sparse points per channel
  std::string sparse_method;                       // "uniform" | "cur"
};

// The descriptor and covariance that settings define, for the model's species.
struct BuiltTerm {
  std::unique_ptr<DescriptorTerm> descriptor;
  std::unique_ptr<Covariance> covariance;
};

// InputError for an unknown descriptor or covariance, or a missing or invalid value (naming the
// gap.* key, e.g. gap.two_body_theta).
BuiltTerm build_term(const TermSettings& settings, const std::vector<int>& species);

}  // namespace hykal::gap
