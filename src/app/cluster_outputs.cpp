#include "hykal/app/cluster_outputs.hpp"

#include "hykal/io/distributed_matrix_hdf5.hpp"
#include "hykal/io/hdf5.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace hykal::app {
namespace {

constexpr double not_clustered = std::numeric_limits<double>::quiet_NaN();

// "delta_0.3": δ with one decimal, as INTERFACE.md names the groups (two when the step needs it).
std::string delta_group_name(double delta) {
  char text[32];
  const bool one_decimal = std::abs(delta * 10.0 - std::round(delta * 10.0)) < 1e-9;
  std::snprintf(text, sizeof text, one_decimal ? "delta_%.1f" : "delta_%.2f", delta);
  return text;
}

// Labels of every frame (−1 where not clustered) from the labels of the clustered rows.
std::vector<long long> labels_of_all_frames(const std::vector<int>& row_labels, const kernels::ClusteredFrames& clustered,
                                            std::int64_t n_frames) {
  std::vector<long long> labels(static_cast<std::size_t>(n_frames), -1);
  for (std::size_t m = 0; m < row_labels.size(); ++m)
    labels[static_cast<std::size_t>(clustered.frame_of_row[m])] = row_labels[m];
  return labels;
}

// Every rank holds the same vector; rank 0 writes it.
void write_replicated(hid_t location, const std::string& path, hid_t type, std::size_t rows, std::size_t width,
                      const void* data, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  io::hdf5::write_rows(location, path, type, rows, width, 0, rank == 0 ? rows : 0, data);
}

}  // namespace

std::vector<long long> chosen_labels_of_frames(const clustering::DeltaScan& scan, const kernels::ClusteredFrames& clustered,
                                               std::int64_t n_frames) {
  return labels_of_all_frames(scan.results[scan.chosen].clustering.labels, clustered, n_frames);
}

std::string delta_scan_table(const clustering::DeltaScan& scan) {
  std::string table = "    δ   N_c   ⟨σ⟩_E (meV/atom)   max σ_s (meV/atom)        ⟨d⟩   d_tol met\n";
  char line[160];
  for (std::size_t i = 0; i < scan.results.size(); ++i) {
    const clustering::DeltaResult& r = scan.results[i];
    const double mean_distance = r.clustering.scan.empty() ? not_clustered : r.clustering.scan.back().mean_distance;
    std::snprintf(line, sizeof line, "%5.2f %5d %18.4f %20.4f %10.6f   %-9s%s\n", r.delta, r.clustering.n_clusters,
                  r.spread.mean, r.spread.max, mean_distance, r.clustering.tolerance_met ? "yes" : "no",
                  i == scan.chosen ? "  ← chosen" : "");
    table += line;
  }
  const std::vector<bool> eligible = clustering::eligible_deltas(scan.results);
  std::string excluded;
  for (std::size_t i = 0; i < scan.results.size(); ++i)
    if (!eligible[i]) {
      std::snprintf(line, sizeof line, "%s%.2f", excluded.empty() ? "" : ", ", scan.results[i].delta);
      excluded += line;
    }
  if (!excluded.empty())
    table += "not eligible (N_c reached clustering.max_clusters without meeting d_tol): δ = " + excluded + "\n";
  else if (std::none_of(scan.results.begin(), scan.results.end(), [](const clustering::DeltaResult& r) { return r.clustering.tolerance_met; }))
    table += "no δ met d_tol within clustering.max_clusters: every δ was eligible\n";
  return table;
}

void write_kernels_group(hid_t file, const kernels::KernelMatrices& matrices, const kernels::ClusteredFrames& clustered,
                         const std::string& signature, MPI_Comm comm) {
  io::hdf5::Handle group = io::hdf5::require_group(file, "kernels");
  io::hdf5::write_string_attribute(group, "settings", signature);
  io::write_hdf5(group, "soap", matrices.soap);
  io::write_hdf5(group, "coulomb", matrices.coulomb);
  std::vector<long long> frames(clustered.frame_of_row.begin(), clustered.frame_of_row.end());
  write_replicated(group, "frames", H5T_NATIVE_LLONG, frames.size(), 0, frames.data(), comm);
}

void write_clustering_group(hid_t file, const clustering::DeltaScan& scan, const kernels::ClusteredFrames& clustered,
                            std::int64_t n_frames, MPI_Comm comm) {
  namespace hdf5 = io::hdf5;
  hdf5::Handle group = hdf5::require_group(file, "clustering");
  std::vector<std::vector<double>> rows;
  const std::vector<bool> eligible = clustering::eligible_deltas(scan.results);
  for (std::size_t i = 0; i < scan.results.size(); ++i) {
    const clustering::DeltaResult& r = scan.results[i];
    const double mean_distance = r.clustering.scan.empty() ? not_clustered : r.clustering.scan.back().mean_distance;
    rows.push_back({r.delta, static_cast<double>(r.clustering.n_clusters), r.spread.mean, r.spread.max, mean_distance,
                    r.clustering.tolerance_met ? 1.0 : 0.0, eligible[i] ? 1.0 : 0.0, i == scan.chosen ? 1.0 : 0.0});
  }
  hdf5::write_table(group, "scan", {"delta", "n_clusters", "mean_sigma_E", "max_sigma_E", "mean_distance", "d_tol_met", "eligible", "chosen"},
                    rows, comm, "mean_sigma_E: meV/atom; max_sigma_E: meV/atom");

  for (const clustering::DeltaResult& r : scan.results) {
    hdf5::Handle delta_group = hdf5::require_group(group, delta_group_name(r.delta));
    const auto labels = labels_of_all_frames(r.clustering.labels, clustered, n_frames);
    write_replicated(delta_group, "labels", H5T_NATIVE_LLONG, labels.size(), 0, labels.data(), comm);
    std::vector<std::vector<double>> steps;
    for (const auto& step : r.clustering.scan) steps.push_back({static_cast<double>(step.n_clusters), step.mean_distance});
    hdf5::write_table(delta_group, "mean_distance", {"n_clusters", "mean_distance"}, steps, comm);
    hdf5::write_double_attribute(delta_group, "delta", r.delta);
    hdf5::write_integer_attribute(delta_group, "n_clusters", r.clustering.n_clusters);
  }

  const clustering::DeltaResult& chosen = scan.results[scan.chosen];
  hdf5::Handle chosen_group = hdf5::require_group(group, "chosen");
  hdf5::write_double_attribute(chosen_group, "delta", chosen.delta);
  hdf5::write_integer_attribute(chosen_group, "n_clusters", chosen.clustering.n_clusters);
  hdf5::write_double_attribute(chosen_group, "mean_sigma_E_meV_per_atom", chosen.spread.mean);
  const auto labels = chosen_labels_of_frames(scan, clustered, n_frames);
  write_replicated(chosen_group, "labels", H5T_NATIVE_LLONG, labels.size(), 0, labels.data(), comm);
}

void write_map_group(hid_t file, const clustering::MdsMap& map, const std::string& method, const kernels::ClusteredFrames& clustered,
                     std::int64_t n_frames, MPI_Comm comm) {
  namespace hdf5 = io::hdf5;
  hdf5::Handle group = hdf5::require_group(file, "map");
  // Row-major N × 2, NaN for frames that are not clustered (isolated atoms).
  std::vector<double> coordinates(static_cast<std::size_t>(2 * n_frames), not_clustered);
  for (std::size_t m = 0; m < clustered.frame_of_row.size(); ++m)
    for (int axis = 0; axis < 2; ++axis)
      coordinates[static_cast<std::size_t>(2 * clustered.frame_of_row[m] + axis)] = map.coordinates(static_cast<Eigen::Index>(m), axis);
  write_replicated(group, "coordinates", H5T_NATIVE_DOUBLE, static_cast<std::size_t>(n_frames), 2, coordinates.data(), comm);
  hdf5::write_string_attribute(group, "method", method);
  hdf5::write_double_attribute(group, "kruskal_stress", map.stress);
  hdf5::write_integer_attribute(group, "smacof_iterations", map.smacof_iterations);
}

}  // namespace hykal::app
