#include "hykal/app/stored_kernels.hpp"

#include "hykal/app/stored_stage.hpp"
#include "hykal/error.hpp"
#include "hykal/io/distributed_matrix_hdf5.hpp"
#include "hykal/io/hdf5.hpp"

namespace hykal::app {
namespace {

bool determines_kernels(const std::string& key) {
  return key.rfind("soap.", 0) == 0 || key.rfind("coulomb.", 0) == 0 || key.rfind("kernel.", 0) == 0 ||
         key == "data.isolated_atoms";
}

}  // namespace

std::string kernel_settings_signature(const Configuration& configuration, const io::FrameIndex& index) {
  return settings_signature(configuration, index, determines_kernels);
}

std::optional<kernels::KernelMatrices> load_stored_kernels(const std::string& path, const std::string& signature,
                                                           const kernels::ClusteredFrames& clustered,
                                                           const parallel::BlacsGrid& grid, int block_size) {
  if (!stored_signature_matches(path, "kernels", {"soap", "coulomb"}, signature, grid.comm())) return std::nullopt;
  io::hdf5::Handle file = io::hdf5::open_parallel(path, grid.comm(), false);
  const std::vector<long long> frames = io::hdf5::read_integers(file, "kernels/frames");
  if (frames != std::vector<long long>(clustered.frame_of_row.begin(), clustered.frame_of_row.end())) return std::nullopt;
  return kernels::KernelMatrices{io::read_hdf5(file, "kernels/soap", grid, block_size),
                                 io::read_hdf5(file, "kernels/coulomb", grid, block_size)};
}

DescriptorsAndKernels descriptors_and_kernels(RunContext& context, const io::LocalFrames& data,
                                              const kernels::ClusteredFrames& clustered,
                                              const parallel::BlacsGrid& grid, const std::string& signature) {
  const std::string& path = context.settings.output.results;
  std::optional<kernels::KernelMatrices> stored;
  {
    auto timer = context.timers.scope("read stored kernels");
    stored = load_stored_kernels(path, signature, clustered, grid, context.settings.parallel.block_size);
  }
  if (stored) {
    context.logger.info("kernels reused from " + path + " (same data and [soap], [coulomb], [kernel] settings)");
    return {compute_descriptors(context, data), std::move(*stored)};
  }
  kernels::FrameKernelInputs inputs = kernel_inputs(context, data, clustered);
  descriptors::LocalDescriptors descriptors =
      compute_descriptors(context, data, [&](std::size_t f, const descriptors::DescriptorMatrix& soap_atoms,
                                             const Eigen::VectorXd& coulomb) { inputs.add(f, soap_atoms, coulomb); });
  kernels::KernelMatrices matrices = build_kernels(context, inputs, data, descriptors.soap_settings, clustered, grid);
  return {std::move(descriptors), std::move(matrices)};
}

}  // namespace hykal::app
