#pragma once
// The parity plot of a GAP's predictions (io/svg_figure.hpp): one dot per value, predicted
// against reference, and the line on which they would agree, over the reference range. Drawn for
// `predict` (app/prediction_figures.hpp) and for the final potential of `learn` and `run`
// (app/learning_outputs.hpp).
#include <string>
#include <vector>

namespace hykal::io {

// Writes the figure to path; nothing when there are no values. quantity names the values with
// their unit, as the axes show it ("reference <quantity>", "GAP <quantity>").
void write_parity_figure(const std::string& path, const std::string& title, const std::string& quantity,
                         const std::vector<double>& reference, const std::vector<double>& predicted);

}  // namespace hykal::io
