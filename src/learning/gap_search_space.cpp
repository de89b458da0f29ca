#include "hykal/learning/gap_search_space.hpp"

#include "hykal/error.hpp"

#include <cmath>
#include <sstream>

namespace hykal::learning {

const std::vector<GapBoundRule>& gap_bound_rules() {
  // METHOD.md §6: cutoff 4–5.5 Å shared by both descriptors; δ 0.01–0.99 shared; 2b n_sparse
  // 10–100; SOAP n_sparse 1500–2500; l_max 5–8; n_max 5–8; atom_sigma 0.1–1.0 Å.
  static const std::vector<GapBoundRule> rules = {
      {"cutoff", Scale::linear, "4.0 5.5", "Å", 0.0, false, "searched cutoff of both descriptors"},
      {"delta", Scale::linear, "0.01 0.99", "", 0.0, false, "searched δ of both descriptors"},
      {"two_body_n_sparse", Scale::integer, "10 100", "", 1.0, true, "searched sparse points of the two-body term"},
      {"soap_n_sparse", Scale::integer, "1500 2500", "", 1.0, true, "searched sparse points of the SOAP term"},
      {"soap_l_max", Scale::integer, "5 8", "", 0.0, true, "searched SOAP l_max"},
      {"soap_n_max", Scale::integer, "5 8", "", 1.0, true, "searched SOAP n_max"},
      {"soap_atom_sigma", Scale::linear, "0.1 1.0", "Å", 0.0, false, "searched SOAP atom_sigma"},
  };
  return rules;
}

Parameter parse_gap_bounds(const GapBoundRule& rule, const std::string& text) {
  const std::string key = "bo." + rule.name;
  std::istringstream in(text);
  Parameter p{rule.name, 0.0, 0.0, rule.scale};
  std::string scale;
  if (!(in >> p.low >> p.high)) throw InputError(key + " = '" + text + "': expected two bounds, 'low high [log]'");
  if (in >> scale) {
    if (scale != "log" || rule.scale == Scale::integer)
      throw InputError(key + " = '" + text + "': the only scale word is 'log', for a continuous parameter");
    p.scale = Scale::log;
  }
  std::string rest;
  if (in >> rest) throw InputError(key + " = '" + text + "': unexpected '" + rest + "'");
  const bool below = rule.minimum_allowed ? p.low < rule.physical_minimum : p.low <= rule.physical_minimum;
  if (below)
    throw InputError(key + " = '" + text + "': the lower bound must be " + (rule.minimum_allowed ? "≥ " : "> ") +
                     std::to_string(rule.physical_minimum));
  if (!(p.low < p.high)) throw InputError(key + " = '" + text + "': the lower bound is not below the upper bound");
  if (rule.scale == Scale::integer && (std::floor(p.low) != p.low || std::floor(p.high) != p.high))
    throw InputError(key + " = '" + text + "': the bounds of an integer parameter must be integers");
  return p;
}

SearchSpace gap_search_space(const std::function<std::string(const std::string& key)>& bound_text) {
  std::vector<Parameter> parameters;
  for (const GapBoundRule& rule : gap_bound_rules())
    parameters.push_back(parse_gap_bounds(rule, bound_text("bo." + rule.name)));
  return SearchSpace(parameters);
}

SearchSpace default_gap_search_space() {
  return gap_search_space([](const std::string& key) {
    for (const GapBoundRule& rule : gap_bound_rules())
      if ("bo." + rule.name == key) return rule.default_bounds;
    HYKAL_THROW("no rule for " + key);
  });
}

}  // namespace hykal::learning
