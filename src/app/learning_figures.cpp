// The figures of `learn` and `run`, drawn on rank 0 (io/svg_figure.hpp): how the test error fell
// as the training set grew (against random sampling when that was run too), how the Bayesian
// optimisation converged, and how the final potential does on the frames it never saw.
#include "hykal/app/learning_outputs.hpp"
#include "hykal/io/parity_figure.hpp"
#include "hykal/io/svg_figure.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace hykal::app {
namespace {

void learning_curve(const std::string& path, const learning::LearningOutcome& outcome, const LearningCurve& other,
                    bool random, double e_tol) {
  io::SvgFigure figure("Learning curve: best test energy RMSE per iteration", "N_train (frames)", "test RMSE E (meV/atom)");
  LearningCurve mine;
  for (const learning::IterationSummary& it : outcome.iterations) {
    mine.n_train.push_back(static_cast<double>(it.n_train));
    mine.energy_rmse.push_back(1000.0 * it.best.energy_rmse);
  }
  figure.add_line(mine.n_train, mine.energy_rmse, random ? "#ff7f0e" : "#1f77b4", random ? "random sampling" : "sampling by clusters");
  if (!other.n_train.empty()) {
    std::vector<double> energy;
    for (double e : other.energy_rmse) energy.push_back(1000.0 * e);
    figure.add_line(other.n_train, energy, random ? "#1f77b4" : "#ff7f0e", random ? "sampling by clusters" : "random sampling");
  }
  double low = mine.n_train.front(), high = mine.n_train.back();
  for (double n : other.n_train) low = std::min(low, n), high = std::max(high, n);
  figure.add_line({low, high}, {1000.0 * e_tol, 1000.0 * e_tol}, "#7f7f7f", "E_tol", false);
  figure.write(path);
}

void convergence(const std::string& path, const learning::LearningOutcome& outcome) {
  io::SvgFigure figure("Bayesian optimisation: best test energy RMSE so far", "fit number within the iteration",
                       "best test RMSE E (meV/atom)");
  for (const learning::IterationSummary& it : outcome.iterations) {
    std::vector<double> fit, best;
    double so_far = std::numeric_limits<double>::infinity();
    for (const learning::FitRecord& f : outcome.fits) {
      if (f.iteration != it.iteration) continue;
      if (f.result.status == learning::FitStatus::ok) so_far = std::min(so_far, 1000.0 * f.result.errors.energy_rmse);
      if (!std::isfinite(so_far)) continue;
      fit.push_back(static_cast<double>(f.proposal + 1));
      best.push_back(so_far);
    }
    figure.add_line(fit, best, io::category_colour(static_cast<int>(it.iteration)), "iteration " + std::to_string(it.iteration));
  }
  figure.write(path);
}

}  // namespace

void write_learning_figures(RunContext& context, const LearningPaths& paths, const learning::LearningOutcome& outcome,
                            const LearningCurve& other, double e_tol) {
  if (!context.logger.is_root()) return;
  const std::string directory = context.settings.output.figures;
  std::filesystem::create_directories(directory);
  const std::string prefix = directory + "/" + paths.group + "_";
  learning_curve(prefix + "curve.svg", outcome, other, paths.group != "learning", e_tol);
  convergence(prefix + "bo_convergence.svg", outcome);
  const std::string unused = " on the " + std::to_string(outcome.n_unused) + " frames not used to train it";
  io::write_parity_figure(prefix + "parity_energy.svg", "Final potential: energies" + unused, "E / N_atoms (eV/atom)",
                          outcome.parity.reference_energy, outcome.parity.predicted_energy);
  const std::string every = outcome.parity.force_stride > 1 ? " (every " + std::to_string(outcome.parity.force_stride) + "th component)" : "";
  io::write_parity_figure(prefix + "parity_forces.svg", "Final potential: forces" + unused + every, "F component (eV/Å)",
                          outcome.parity.reference_force, outcome.parity.predicted_force);
  context.logger.info("figures written to " + directory + "/");
}

}  // namespace hykal::app
