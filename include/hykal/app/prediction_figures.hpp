#pragma once
// The parity plots of `hykal predict` (io/parity_figure.hpp), drawn on rank 0: predicted against
// reference energy per atom (eV/atom, one point per frame with an energy, one-atom frames left
// out as in the RMSEs) and force components (eV/Å; at most max_force_points of them, every k-th
// component in global frame order, so the figure stays readable and the same at any rank count).
#include "hykal/app/commands.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/prediction_errors.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <vector>

namespace hykal::app {

inline constexpr long long max_force_points = 20000;

// Collective. Writes <output.figures>/parity_energy.svg and parity_forces.svg, the RMSE in the
// title (a figure whose references are missing in every frame is not written).
void write_parity_figures(RunContext& context, const io::LocalFrames& frames, const std::vector<gap::Prediction>& predictions,
                          const gap::PredictionErrors& errors);

}  // namespace hykal::app
