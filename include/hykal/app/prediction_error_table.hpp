#pragma once
// The RMSE table `fit` and `predict` print: one row per set of frames, energies in meV/atom,
// forces in eV/Å, virials in meV/atom, "—" where no frame of the set has that reference.
#include "hykal/gap/prediction_errors.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hykal::app {

std::string prediction_error_table(const std::vector<std::pair<std::string, gap::PredictionErrors>>& rows);

}  // namespace hykal::app
