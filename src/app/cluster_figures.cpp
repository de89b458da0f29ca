// The figures of `hykal cluster`, drawn on rank 0 (io/svg_figure.hpp): a person should grasp
// the result from them alone: where the frames lie (map by cluster and by label), how δ was
// chosen (⟨σ⟩_E and N_c against δ), how N_c was chosen (⟨d⟩ against N_c), and how the clusters
// follow the trajectory (energy per atom against frame index).
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/io/label_value.hpp"
#include "hykal/io/svg_figure.hpp"
#include "hykal/parallel/gather_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace hykal::app {
namespace {

std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2g", value);
  return text;
}

// The value of label `key` for every clustered frame, on rank 0 (empty elsewhere).
std::vector<std::string> gather_label(MPI_Comm comm, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered,
                                      const std::string& key) {
  std::string mine;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    if (!clustered.local[f]) continue;
    const auto found = data.frames[f].labels.find(key);
    mine += (found == data.frames[f].labels.end() ? std::string() : found->second) + '\n';
  }
  const std::vector<std::string> values = parallel::split_lines(parallel::gather_text_to_root(mine, comm));
  return values;
}

std::vector<double> column(const Eigen::MatrixXd& matrix, int c) {
  return std::vector<double>(matrix.col(c).data(), matrix.col(c).data() + matrix.rows());
}

void map_by_cluster(const std::string& path, const clustering::MdsMap& map, const clustering::DeltaResult& chosen) {
  io::SvgFigure figure("Map of the frames (MDS of D), δ = " + short_number(chosen.delta) + ", " +
                           std::to_string(chosen.clustering.n_clusters) + " clusters",
                       "MDS axis 1", "MDS axis 2");
  std::vector<std::string> colours;
  for (int label : chosen.clustering.labels) colours.push_back(io::category_colour(label));
  figure.add_points(column(map.coordinates, 0), column(map.coordinates, 1), colours);
  for (int k = 0; k < chosen.clustering.n_clusters; ++k) figure.add_legend_entry("cluster " + std::to_string(k), io::category_colour(k));
  figure.write(path);
}

void map_by_label(const std::string& path, const clustering::MdsMap& map, const std::string& key,
                  const std::vector<std::string>& values) {
  io::SvgFigure figure("Map of the frames coloured by " + key, "MDS axis 1", "MDS axis 2");
  std::vector<std::string> colours;
  const bool numeric = std::all_of(values.begin(), values.end(), io::is_numeric_label);
  if (numeric) {
    std::vector<double> numbers;
    for (const std::string& v : values) numbers.push_back(std::strtod(v.c_str(), nullptr));
    const auto [low, high] = std::minmax_element(numbers.begin(), numbers.end());
    for (double x : numbers) colours.push_back(io::sequential_colour(*high > *low ? (x - *low) / (*high - *low) : 0.5));
    figure.set_colour_bar(key, *low, *high);
  } else {
    std::map<std::string, int> category;
    for (const std::string& v : values) category.emplace(v, static_cast<int>(category.size()));
    for (const std::string& v : values) colours.push_back(io::category_colour(category[v]));
    for (const auto& [name, k] : category) figure.add_legend_entry(name.empty() ? "(none)" : name, io::category_colour(k));
  }
  figure.add_points(column(map.coordinates, 0), column(map.coordinates, 1), colours);
  figure.write(path);
}

void delta_scan_figures(const std::string& directory, const clustering::DeltaScan& scan) {
  std::vector<double> delta, sigma, clusters;
  for (const auto& r : scan.results) {
    delta.push_back(r.delta);
    sigma.push_back(r.spread.mean);
    clusters.push_back(r.clustering.n_clusters);
  }
  const auto& chosen = scan.results[scan.chosen];
  io::SvgFigure spread("Energy spread of the clusters against δ", "δ (weight of the Coulomb kernel)",
                       "⟨σ⟩_E (meV/atom)");
  spread.add_line(delta, sigma, "#1f77b4", "⟨σ⟩_E");
  spread.mark(chosen.delta, chosen.spread.mean, "chosen δ = " + short_number(chosen.delta));
  spread.write(directory + "/delta_scan_energy_spread.svg");
  io::SvgFigure count("Number of clusters against δ", "δ (weight of the Coulomb kernel)", "N_c");
  count.add_line(delta, clusters, "#d62728", "N_c");
  count.mark(chosen.delta, chosen.clustering.n_clusters, "chosen δ");
  count.write(directory + "/delta_scan_clusters.svg");
}

// The chosen δ only: the curves of different δ lie at different heights, and each one's change
// with N_c (what the d_tol rule reads) would be invisible on a common axis.
void mean_distance_figure(const std::string& path, const clustering::DeltaResult& chosen, double d_tol) {
  io::SvgFigure figure("Mean inter-cluster distance against N_c (δ = " + short_number(chosen.delta) + ")", "N_c", "⟨d⟩");
  std::vector<double> n, d;
  for (const auto& step : chosen.clustering.scan) n.push_back(step.n_clusters), d.push_back(step.mean_distance);
  figure.add_line(n, d, "#1f77b4", "⟨d⟩(N_c)");
  if (!d.empty())
    figure.mark(n.back(), d.back(), "N_c = " + std::to_string(chosen.clustering.n_clusters) +
                                        (chosen.clustering.tolerance_met ? " (change ≤ d_tol = " + short_number(d_tol) + ")"
                                                                         : " (max_clusters)"));
  figure.write(path);
}

void energy_figure(const std::string& path, const kernels::ClusteredFrames& clustered, const std::vector<double>& energy_per_atom,
                   const clustering::DeltaResult& chosen) {
  io::SvgFigure figure("Energy per atom along the data set, coloured by cluster", "frame index", "E / N_atoms (eV/atom)");
  std::vector<double> index(clustered.frame_of_row.begin(), clustered.frame_of_row.end());
  std::vector<std::string> colours;
  for (int label : chosen.clustering.labels) colours.push_back(io::category_colour(label));
  figure.add_points(index, energy_per_atom, colours, 2.5);
  for (int k = 0; k < chosen.clustering.n_clusters; ++k) figure.add_legend_entry("cluster " + std::to_string(k), io::category_colour(k));
  figure.write(path);
}

}  // namespace

void write_cluster_figures(RunContext& context, const io::LocalFrames& data, const kernels::ClusteredFrames& clustered,
                           const std::vector<double>& energy_per_atom, const clustering::DeltaScan& scan,
                           const clustering::MdsMap& map) {
  const std::string& directory = context.settings.output.figures;
  std::map<std::string, std::vector<std::string>> labels;
  for (const std::string& key : context.settings.data.label_keys)
    labels[key] = gather_label(context.comm, data, clustered, key);
  if (!context.logger.is_root()) return;
  std::filesystem::create_directories(directory);
  const auto& chosen = scan.results[scan.chosen];
  map_by_cluster(directory + "/map_clusters.svg", map, chosen);
  for (const auto& [key, values] : labels) map_by_label(directory + "/map_" + key + ".svg", map, key, values);
  delta_scan_figures(directory, scan);
  mean_distance_figure(directory + "/mean_distance.svg", chosen, context.settings.clustering.options.d_tol);
  energy_figure(directory + "/energy_per_frame.svg", clustered, energy_per_atom, chosen);
  context.logger.info("figures written to " + directory + "/");
}

}  // namespace hykal::app
