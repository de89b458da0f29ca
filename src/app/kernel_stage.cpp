#include "hykal/app/kernel_stage.hpp"

#include "hykal/error.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/kernels/local_features.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <cstdio>

namespace hykal::app {
namespace {

// Rows of `matrix` for the clustered local frames, each frame's rows [offsets[f], offsets[f+1]).
// One copy of the clustered frames' per-atom rows, made in place (no per-frame blocks first: the
// per-atom SOAP is the largest array of a run, and --dry-run counts exactly one copy of it).
kernels::LocalFeatures clustered_rows(const descriptors::DescriptorMatrix& matrix, const std::vector<std::int64_t>& offsets,
                                      const ClusteredFrames& clustered) {
  kernels::LocalFeatures features;
  features.first_frame = clustered.first_row;
  std::int64_t rows = 0;
  for (std::size_t f = 0; f + 1 < offsets.size(); ++f)
    if (clustered.local[f]) rows += offsets[f + 1] - offsets[f];
  features.rows.resize(rows, matrix.cols());
  std::int64_t row = 0;
  for (std::size_t f = 0; f + 1 < offsets.size(); ++f) {
    if (!clustered.local[f]) continue;
    const std::int64_t n = offsets[f + 1] - offsets[f];
    features.rows.middleRows(row, n) = matrix.middleRows(offsets[f], n);
    row += n;
    features.frame_offsets.push_back(row);
  }
  return features;
}

std::vector<Eigen::VectorXd> clustered_coulomb(const LocalDescriptors& descriptors, const ClusteredFrames& clustered) {
  std::vector<Eigen::VectorXd> matrices;
  for (std::size_t f = 0; f < clustered.local.size(); ++f)
    if (clustered.local[f]) matrices.push_back(descriptors.coulomb.row(static_cast<Eigen::Index>(f)).transpose());
  return matrices;
}

double gamma_option(const Configuration& configuration, const std::string& key) {
  const std::string value = configuration.text(key);
  return value == "auto" ? 0.0 : parse_real(key, value);
}

}  // namespace

ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data) {
  const bool skip_isolated = context.configuration.boolean("data.isolated_atoms");
  ClusteredFrames clustered;
  std::vector<double> local_energy;
  std::vector<long long> local_frames;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    const io::Frame& frame = data.frames[f];
    const bool keep = !(skip_isolated && frame.n_atoms() == 1);
    clustered.local.push_back(keep);
    if (!keep) continue;
    local_energy.push_back(*frame.energy / static_cast<double>(frame.n_atoms()));
    local_frames.push_back(data.global_frame(f));
  }
  int size = 1;
  MPI_Comm_size(context.comm, &size);
  int count = static_cast<int>(local_energy.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size), 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, context.comm);
  for (int r = 1; r < size; ++r) offsets[r] = offsets[r - 1] + counts[r - 1];
  const int total = offsets.back() + counts.back();
  int rank = 0;
  MPI_Comm_rank(context.comm, &rank);
  clustered.first_row = offsets[static_cast<std::size_t>(rank)];
  clustered.energy_per_atom.resize(static_cast<std::size_t>(total));
  std::vector<long long> frames(static_cast<std::size_t>(total));
  MPI_Allgatherv(local_energy.data(), count, MPI_DOUBLE, clustered.energy_per_atom.data(), counts.data(), offsets.data(),
                 MPI_DOUBLE, context.comm);
  MPI_Allgatherv(local_frames.data(), count, MPI_LONG_LONG, frames.data(), counts.data(), offsets.data(), MPI_LONG_LONG,
                 context.comm);
  clustered.frame_of_row.assign(frames.begin(), frames.end());
  const long long isolated = data.index.n_frames() - total;
  if (isolated > 0)
    context.logger.info(std::to_string(isolated) + " one-atom frame(s) kept aside as isolated-atom references, " +
                        std::to_string(total) + " frames clustered");
  return clustered;
}

parallel::GridShape grid_shape(const Configuration& configuration, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const std::string value = configuration.text("parallel.grid");
  if (value == "auto") return parallel::near_square_shape(size);
  parallel::GridShape shape;
  char separator = 0;
  if (std::sscanf(value.c_str(), "%d%c%d", &shape.rows, &separator, &shape.cols) != 3 || separator != 'x' ||
      shape.rows < 1 || shape.cols < 1)
    throw InputError("option parallel.grid: '" + value + "' is neither auto nor ROWSxCOLS (e.g. 2x4)");
  if (shape.rows * shape.cols != size)
    throw InputError("option parallel.grid: " + value + " has " + std::to_string(shape.rows * shape.cols) +
                     " processes, but hykal runs on " + std::to_string(size) + " ranks");
  return shape;
}

KernelMatrices build_kernels(RunContext& context, const LocalDescriptors& descriptors, const ClusteredFrames& clustered,
                             const parallel::BlacsGrid& grid) {
  const Configuration& configuration = context.configuration;
  kernels::SoapKernelSettings soap;
  kernels::CoulombKernelSettings coulomb;
  kernels::AverageKernelOptions options;
  parallel::agree_on_input_errors(context.comm, [&] {
    soap.form = kernels::parse_soap_kernel_form(configuration.text("kernel.soap_form"));
    soap.gamma = gamma_option(configuration, "kernel.soap_gamma");
    soap.degree = static_cast<int>(configuration.integer("kernel.soap_degree"));
    soap.coef0 = configuration.real("kernel.soap_coef0");
    coulomb.form = kernels::parse_coulomb_kernel_form(configuration.text("kernel.coulomb_form"));
    coulomb.gamma = gamma_option(configuration, "kernel.coulomb_gamma");
    options.block_size = static_cast<int>(configuration.integer("parallel.block_size"));
    if (options.block_size < 1) throw InputError("option parallel.block_size: must be at least 1");
  });
  KernelMatrices matrices{
      [&] {
        auto timer = context.timers.scope("SOAP kernel");
        Progress progress(context.logger, "SOAP kernel (" + configuration.text("kernel.soap_form") + ") over " +
                                              std::to_string(clustered.frame_of_row.size()) + " frames, rank 0's tiles");
        options.progress = [&](long long done, long long total) { progress.update(done, total); };
        return kernels::soap_kernel(clustered_rows(descriptors.soap_atoms, descriptors.atom_offsets, clustered), soap,
                                    grid, options);
      }(),
      [&] {
        auto timer = context.timers.scope("Coulomb kernel");
        Progress progress(context.logger, "Coulomb kernel (" + configuration.text("kernel.coulomb_form") + "), rank 0's tiles");
        options.progress = [&](long long done, long long total) { progress.update(done, total); };
        return kernels::coulomb_kernel(clustered_coulomb(descriptors, clustered), descriptors.coulomb_settings.n_atoms_max,
                                       clustered.first_row, coulomb, grid, options);
      }()};
  return matrices;
}

}  // namespace hykal::app
