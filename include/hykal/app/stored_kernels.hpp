#pragma once
// Reusing the kernels of an earlier run (INTERFACE.md: a command reuses what an earlier command
// stored when the settings that produced it are unchanged). The kernels are by far the most
// expensive stage (N² · n_atoms² · len(p)), so `cluster` after `kernels`, or a second δ scan
// with other [clustering] settings, reads /kernels back instead of rebuilding them. The
// descriptors are cheap and are always recomputed.
#include "hykal/app/descriptor_stage.hpp"
#include "hykal/app/kernel_stage.hpp"

#include <optional>
#include <string>

namespace hykal::app {

// Everything that determines the kernels, as one text: the data files (path, size, modification
// time to the nanosecond), the isolated-atom rule and every [soap], [coulomb] and [kernel] key.
// Stored as the attribute `settings` of /kernels.
std::string kernel_settings_signature(const Configuration& configuration, const io::FrameIndex& index);

// Collective. The kernels stored in `path` when that file exists, is a results file whose
// /kernels carries the same signature and the same frames; nothing otherwise.
std::optional<kernels::KernelMatrices> load_stored_kernels(const std::string& path, const std::string& signature,
                                                           const kernels::ClusteredFrames& clustered,
                                                           const parallel::BlacsGrid& grid, int block_size);

struct DescriptorsAndKernels {
  descriptors::LocalDescriptors descriptors;
  kernels::KernelMatrices matrices;
};

// Collective. The descriptors, and the kernels of output.results when they can be reused
// (logged; the descriptors then hand the kernels nothing), else built from the descriptors as
// they are computed (kernel_stage.hpp).
DescriptorsAndKernels descriptors_and_kernels(RunContext& context, const io::LocalFrames& data,
                                              const kernels::ClusteredFrames& clustered,
                                              const parallel::BlacsGrid& grid, const std::string& signature);

}  // namespace hykal::app
