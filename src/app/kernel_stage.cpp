#include "hykal/app/kernel_stage.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <cstdio>

namespace hykal::app {
namespace {

double gamma_option(const Configuration& configuration, const std::string& key) {
  const std::string value = configuration.text(key);
  return value == "auto" ? 0.0 : parse_real(key, value);
}

}  // namespace

kernels::ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data) {
  kernels::ClusteredFrames clustered =
      kernels::select_clustered_frames(data, context.configuration.boolean("data.isolated_atoms"), context.comm);
  const auto total = static_cast<long long>(clustered.frame_of_row.size());
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

kernels::KernelMatrices build_kernels(RunContext& context, const descriptors::LocalDescriptors& descriptors,
                                      const kernels::ClusteredFrames& clustered, const parallel::BlacsGrid& grid) {
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
  kernels::KernelMatrices matrices{
      [&] {
        auto timer = context.timers.scope("SOAP kernel");
        Progress progress(context.logger, "SOAP kernel (" + configuration.text("kernel.soap_form") + ") over " +
                                              std::to_string(clustered.frame_of_row.size()) + " frames, rank 0's tiles");
        options.progress = [&](long long done, long long total) { progress.update(done, total); };
        return kernels::soap_kernel_of_frames(descriptors, clustered, soap, grid, options);
      }(),
      [&] {
        auto timer = context.timers.scope("Coulomb kernel");
        Progress progress(context.logger, "Coulomb kernel (" + configuration.text("kernel.coulomb_form") + "), rank 0's tiles");
        options.progress = [&](long long done, long long total) { progress.update(done, total); };
        return kernels::coulomb_kernel_of_frames(descriptors, clustered, coulomb, grid, options);
      }()};
  return matrices;
}

}  // namespace hykal::app
