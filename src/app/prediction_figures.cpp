#include "hykal/app/prediction_figures.hpp"

#include "hykal/io/parity_figure.hpp"
#include "hykal/parallel/gather_values.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace hykal::app {

void write_parity_figures(RunContext& context, const io::LocalFrames& frames, const std::vector<gap::Prediction>& predictions,
                          const gap::PredictionErrors& errors) {
  std::vector<double> reference_energy, predicted_energy, reference_force, predicted_force;
  long long my_components = 0;
  for (const io::Frame& frame : frames.frames)
    if (frame.n_atoms() > 1) my_components += static_cast<long long>(frame.forces.size());
  long long first_component = 0, all_components = my_components;
  MPI_Exscan(&my_components, &first_component, 1, MPI_LONG_LONG, MPI_SUM, context.comm);
  if (context.logger.is_root()) first_component = 0;  // MPI_Exscan leaves rank 0's result undefined
  MPI_Allreduce(MPI_IN_PLACE, &all_components, 1, MPI_LONG_LONG, MPI_SUM, context.comm);
  const long long stride = std::max(1LL, (all_components + max_force_points - 1) / max_force_points);

  long long component = first_component;
  for (std::size_t f = 0; f < frames.frames.size(); ++f) {
    const io::Frame& frame = frames.frames[f];
    if (frame.n_atoms() < 2) continue;
    const double n_atoms = static_cast<double>(frame.n_atoms());
    if (frame.energy) {
      reference_energy.push_back(*frame.energy / n_atoms);
      predicted_energy.push_back(predictions[f].energy / n_atoms);
    }
    for (Eigen::Index atom = 0; atom < frame.forces.rows(); ++atom)
      for (int c = 0; c < 3; ++c, ++component)
        if (component % stride == 0) {
          reference_force.push_back(frame.forces(atom, c));
          predicted_force.push_back(predictions[f].forces(atom, c));
        }
  }
  for (auto* values : {&reference_energy, &predicted_energy, &reference_force, &predicted_force})
    *values = parallel::gather_values_to_root(*values, context.comm);
  if (!context.logger.is_root()) return;
  const std::string& directory = context.settings.output.figures;
  std::filesystem::create_directories(directory);
  char energy_title[120], force_title[160];
  std::snprintf(energy_title, sizeof energy_title, "Energy per atom: GAP against reference, RMSE %.3f meV/atom",
                errors.energy_mev_per_atom().value_or(0.0));
  std::snprintf(force_title, sizeof force_title, "Force components: GAP against reference, RMSE %.4f eV/Å",
                errors.force_ev_per_angstrom().value_or(0.0));
  io::write_parity_figure(directory + "/parity_energy.svg", energy_title, "E / N_atoms (eV/atom)", reference_energy,
                          predicted_energy);
  io::write_parity_figure(directory + "/parity_forces.svg",
                          force_title + (stride > 1 ? " (every " + std::to_string(stride) + "th of " +
                                                          std::to_string(all_components) + " components shown)"
                                                    : std::string()),
                          "F component (eV/Å)", reference_force, predicted_force);
}

}  // namespace hykal::app
