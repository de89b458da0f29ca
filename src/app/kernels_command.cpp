// `hykal kernels`: descriptors → the normalised SOAP and Coulomb kernels (METHOD.md §1–§2), into
// /frames, /descriptors and /kernels of the results file.
#include "hykal/app/cluster_outputs.hpp"
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/results_writer.hpp"
#include "hykal/app/stored_kernels.hpp"

namespace hykal::app {

void run_kernels(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, false, Outputs::results);
  const kernels::ClusteredFrames clustered = select_clustered_frames(context, data);
  const parallel::BlacsGrid grid(context.comm, grid_shape(context.settings.parallel, context.comm, context.logger));
  const std::string signature = kernel_settings_signature(context.configuration, data.index);
  const DescriptorsAndKernels computed = descriptors_and_kernels(context, data, clustered, grid, signature);
  const descriptors::LocalDescriptors& descriptors = computed.descriptors;
  const kernels::KernelMatrices& matrices = computed.matrices;

  write_results(context, data, [&](hid_t file) {
    write_descriptors_group(file, data, descriptors, context.settings.descriptors);
    write_kernels_group(file, matrices, clustered, signature, context.comm);
  });
}

}  // namespace hykal::app
