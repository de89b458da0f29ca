#include "hykal/learning/search_space.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>

namespace hykal::learning {
namespace {

void validate(const Parameter& p) {
  const std::string where = "search-space parameter '" + p.name + "'";
  if (!(p.low < p.high))
    throw InputError(where + ": lower bound " + std::to_string(p.low) + " is not below upper bound " +
                     std::to_string(p.high));
  if (p.scale == Scale::log && !(p.low > 0.0))
    throw InputError(where + ": a logarithmic scale needs a positive lower bound, got " + std::to_string(p.low));
  if (p.scale == Scale::integer && (std::floor(p.low) != p.low || std::floor(p.high) != p.high))
    throw InputError(where + ": integer bounds must be integers, got " + std::to_string(p.low) + " " +
                     std::to_string(p.high));
}

double unit_to_value(const Parameter& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  switch (p.scale) {
    case Scale::linear:
      return p.low + u * (p.high - p.low);
    case Scale::log:
      return std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)));
    case Scale::integer: {
      const double cells = p.high - p.low + 1.0;
      return std::min(p.high, p.low + std::floor(u * cells));
    }
  }
  HYKAL_THROW("unknown scale");
}

double value_to_unit(const Parameter& p, double v) {
  switch (p.scale) {
    case Scale::linear:
      return (v - p.low) / (p.high - p.low);
    case Scale::log:
      return (std::log(v) - std::log(p.low)) / (std::log(p.high) - std::log(p.low));
    case Scale::integer:
      return (v - p.low + 0.5) / (p.high - p.low + 1.0);
  }
  HYKAL_THROW("unknown scale");
}

}  // namespace

SearchSpace::SearchSpace(std::vector<Parameter> parameters) : parameters_(std::move(parameters)) {
  HYKAL_ASSERT(!parameters_.empty(), "a search space needs at least one parameter");
  for (const Parameter& p : parameters_) validate(p);
}

std::vector<double> SearchSpace::to_values(const Eigen::VectorXd& unit) const {
  HYKAL_ASSERT(static_cast<std::size_t>(unit.size()) == dimension(), "unit point of the wrong dimension");
  std::vector<double> values(dimension());
  for (std::size_t i = 0; i < dimension(); ++i)
    values[i] = unit_to_value(parameters_[i], unit(static_cast<Eigen::Index>(i)));
  return values;
}

Eigen::VectorXd SearchSpace::to_unit(const std::vector<double>& values) const {
  HYKAL_ASSERT(values.size() == dimension(), "parameter values of the wrong dimension");
  Eigen::VectorXd unit(static_cast<Eigen::Index>(dimension()));
  for (std::size_t i = 0; i < dimension(); ++i)
    unit(static_cast<Eigen::Index>(i)) = value_to_unit(parameters_[i], values[i]);
  return unit;
}

double SearchSpace::value_of(const std::vector<double>& values, const std::string& name) const {
  for (std::size_t i = 0; i < dimension(); ++i)
    if (parameters_[i].name == name) return values.at(i);
  HYKAL_THROW("no search-space parameter named '" + name + "'");
}

}  // namespace hykal::learning
