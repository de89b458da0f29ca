#include "hykal/app/prediction_figures.hpp"

#include "hykal/io/svg_figure.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace hykal::app {
namespace {

// Collective: every rank's values in rank order, on rank 0 (empty elsewhere).
std::vector<double> gather_to_root(const std::vector<double>& mine, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const int count = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size), 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, comm);
  for (int r = 1; r < size; ++r) offsets[static_cast<std::size_t>(r)] = offsets[static_cast<std::size_t>(r) - 1] + counts[static_cast<std::size_t>(r) - 1];
  std::vector<double> all(rank == 0 ? static_cast<std::size_t>(offsets.back() + counts.back()) : 0);
  MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0, comm);
  return all;
}

// Reference and prediction interleaved, as gathered: [ref₀, pred₀, ref₁, pred₁, …].
void parity_figure(const std::string& path, const std::string& title, const std::string& unit,
                   const std::vector<double>& pairs) {
  std::vector<double> reference, predicted;
  for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
    reference.push_back(pairs[i]);
    predicted.push_back(pairs[i + 1]);
  }
  if (reference.empty()) return;
  io::SvgFigure figure(title, "reference (" + unit + ")", "GAP prediction (" + unit + ")");
  const double low = std::min(*std::min_element(reference.begin(), reference.end()), *std::min_element(predicted.begin(), predicted.end()));
  const double high = std::max(*std::max_element(reference.begin(), reference.end()), *std::max_element(predicted.begin(), predicted.end()));
  figure.add_line({low, high}, {low, high}, "#888888", "prediction = reference", false);
  figure.add_points(reference, predicted, std::vector<std::string>(reference.size(), io::category_colour(0)));
  figure.write(path);
}

}  // namespace

void write_parity_figures(RunContext& context, const io::LocalFrames& frames, const std::vector<gap::Prediction>& predictions,
                          const gap::PredictionErrors& errors) {
  std::vector<double> energies, forces;
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
    if (frame.energy) energies.insert(energies.end(), {*frame.energy / n_atoms, predictions[f].energy / n_atoms});
    for (Eigen::Index atom = 0; atom < frame.forces.rows(); ++atom)
      for (int c = 0; c < 3; ++c, ++component)
        if (component % stride == 0) forces.insert(forces.end(), {frame.forces(atom, c), predictions[f].forces(atom, c)});
  }
  energies = gather_to_root(energies, context.comm);
  forces = gather_to_root(forces, context.comm);
  if (!context.logger.is_root()) return;
  const std::string& directory = context.settings.output.figures;
  std::filesystem::create_directories(directory);
  char energy_title[120], force_title[160];
  std::snprintf(energy_title, sizeof energy_title, "Energy per atom: GAP against reference, RMSE %.3f meV/atom",
                errors.energy_mev_per_atom().value_or(0.0));
  std::snprintf(force_title, sizeof force_title, "Force components: GAP against reference, RMSE %.4f eV/Å",
                errors.force_ev_per_angstrom().value_or(0.0));
  parity_figure(directory + "/parity_energy.svg", energy_title, "eV/atom", energies);
  parity_figure(directory + "/parity_forces.svg",
                force_title + (stride > 1 ? " (every " + std::to_string(stride) + "th of " + std::to_string(all_components) +
                                                " components shown)"
                                          : std::string()),
                "eV/Å", forces);
}

}  // namespace hykal::app
