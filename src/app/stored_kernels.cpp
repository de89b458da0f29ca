#include "hykal/app/stored_kernels.hpp"

#include "hykal/app/option_table.hpp"
#include "hykal/error.hpp"
#include "hykal/io/distributed_matrix_hdf5.hpp"
#include "hykal/io/hdf5.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

namespace hykal::app {
namespace {

bool determines_kernels(const std::string& key) {
  return key.rfind("soap.", 0) == 0 || key.rfind("coulomb.", 0) == 0 || key.rfind("kernel.", 0) == 0 ||
         key == "data.isolated_atoms";
}

// Rank 0 decides (the file system may differ in what ranks see first); every rank follows.
bool stored_signature_matches(const std::string& path, const std::string& signature, MPI_Comm comm) {
  int rank = 0, matches = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0 && std::filesystem::is_regular_file(path) && H5Fis_hdf5(path.c_str()) > 0) {
    try {
      io::hdf5::Handle file = io::hdf5::open_read_only(path);
      if (io::hdf5::exists(file, "kernels/soap") && io::hdf5::exists(file, "kernels/coulomb")) {
        io::hdf5::Handle group(H5Gopen2(file, "kernels", H5P_DEFAULT));
        matches = H5Aexists(group, "settings") > 0 && io::hdf5::read_string_attribute(group, "settings") == signature;
      }
    } catch (const InputError&) {
      matches = 0;  // not a results file of ours: computed afresh
    }
  }
  MPI_Bcast(&matches, 1, MPI_INT, 0, comm);
  return matches != 0;
}

}  // namespace

std::string kernel_settings_signature(const Configuration& configuration, const io::FrameIndex& index) {
  std::string signature;
  for (const std::string& file : index.files) {
    struct stat status {};
    stat(file.c_str(), &status);
    // To the nanosecond: a file rewritten with the same size within one second is another file.
    char modified[48];
    std::snprintf(modified, sizeof modified, "%lld.%09ld", static_cast<long long>(status.st_mtim.tv_sec), status.st_mtim.tv_nsec);
    signature += "file = " + std::filesystem::weakly_canonical(file).string() + " " + std::to_string(status.st_size) + " bytes, modified " +
                 modified + "\n";
  }
  for (const OptionSpec& spec : option_table())
    if (determines_kernels(spec.key)) signature += spec.key + " = " + configuration.text(spec.key) + "\n";
  return signature;
}

std::optional<kernels::KernelMatrices> load_stored_kernels(const std::string& path, const std::string& signature,
                                                           const kernels::ClusteredFrames& clustered,
                                                           const parallel::BlacsGrid& grid, int block_size) {
  if (!stored_signature_matches(path, signature, grid.comm())) return std::nullopt;
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
