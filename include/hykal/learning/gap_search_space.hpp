#pragma once
// The default search space of the GAP hyperparameter optimisation (METHOD.md §6 step 2): the
// authors' seven hyperparameters and bounds, each bound pair a configuration key bo.<name>
// ("low high", optionally followed by "log" for a logarithmic scale of a continuous parameter).
// The rules below are the one source of these keys: the option table lists them from here.
#include "hykal/learning/search_space.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hykal::learning {

struct GapBoundRule {
  std::string name;            // the GAP setting (and bo.<name>)
  Scale scale;                 // linear or integer by default
  std::string default_bounds;  // "low high"
  std::string unit;
  double physical_minimum;     // values below are meaningless
  bool minimum_allowed;        // whether physical_minimum itself is
  std::string description;
};

const std::vector<GapBoundRule>& gap_bound_rules();

// The parameter of one bo.<name> value. Throws InputError naming bo.<name> if the text is not
// "low high [log]", low ≥ high, a bound is outside the physical range, or an integer parameter
// has a non-integer bound or a log scale.
Parameter parse_gap_bounds(const GapBoundRule& rule, const std::string& text);

// The search space from the bo.<name> values (bound_text(key) returns the configured text).
SearchSpace gap_search_space(const std::function<std::string(const std::string& key)>& bound_text);
SearchSpace default_gap_search_space();

}  // namespace hykal::learning
