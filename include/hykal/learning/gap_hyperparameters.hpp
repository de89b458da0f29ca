#pragma once
// One point of the GAP hyperparameter search (gap_search_space.hpp) applied on top of the
// configured [gap] settings: the searched values replace the configured ones, everything else
// (σ's, ζ, θ, e0, jitter, seed) stays as configured. "cutoff" and "delta" are shared by both
// descriptors (METHOD.md §6 step 2).
#include "hykal/gap/gap_settings.hpp"
#include "hykal/learning/search_space.hpp"

#include <vector>

namespace hykal::learning {

// values: ordered as space.parameters(). Integer parameters are rounded to the nearest integer.
// InternalError for a parameter name no GAP setting carries.
gap::GapSettings with_hyperparameters(gap::GapSettings configured, const SearchSpace& space,
                                      const std::vector<double>& values);

// The fit settings of that point: gap::fit_settings(with_hyperparameters(…)).
gap::FitSettings fit_settings_at(const gap::GapSettings& configured, const SearchSpace& space,
                                 const std::vector<double>& values);

}  // namespace hykal::learning
