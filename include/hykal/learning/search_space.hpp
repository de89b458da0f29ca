#pragma once
// The box the Bayesian optimiser searches: named parameters, each continuous on a linear or a
// logarithmic scale, or integer. The optimiser works in the unit cube [0, 1]^d; this class maps
// between unit coordinates and parameter values:
//  - linear:  value = low + u (high − low)
//  - log:     value = low (high/low)^u, so each decade gets the same share of the cube
//  - integer: the cube is split into (high − low + 1) equal cells, one per integer, and a unit
//             coordinate maps to the integer of its cell; an integer maps back to its cell centre.
// snap() is unit → value → unit: the point the objective will really be evaluated at, which is
// what the surrogate must be told.
#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hykal::learning {

enum class Scale { linear, log, integer };

struct Parameter {
  std::string name;
  double low = 0.0;
  double high = 1.0;
  Scale scale = Scale::linear;
};

class SearchSpace {
 public:
  // Throws InputError (naming the parameter) if low ≥ high, a log bound is ≤ 0, or an integer
  // bound is not an integer.
  explicit SearchSpace(std::vector<Parameter> parameters);

  std::size_t dimension() const { return parameters_.size(); }
  const std::vector<Parameter>& parameters() const { return parameters_; }

  std::vector<double> to_values(const Eigen::VectorXd& unit) const;
  Eigen::VectorXd to_unit(const std::vector<double>& values) const;
  Eigen::VectorXd snap(const Eigen::VectorXd& unit) const { return to_unit(to_values(unit)); }

  // The value of the parameter called name in values (ordered as parameters()).
  double value_of(const std::vector<double>& values, const std::string& name) const;

 private:
  std::vector<Parameter> parameters_;
};

}  // namespace hykal::learning
