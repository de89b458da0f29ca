#include "hykal/app/kernel_stage.hpp"

#include "hykal/descriptors/soap_calculator.hpp"

#include <cstdio>
#include <string>

namespace hykal::app {

kernels::ClusteredFrames select_clustered_frames(RunContext& context, const io::LocalFrames& data) {
  kernels::ClusteredFrames clustered =
      kernels::select_clustered_frames(data, context.settings.data.skip_isolated_atoms, context.comm);
  const auto total = static_cast<long long>(clustered.frame_of_row.size());
  const long long isolated = data.index.n_frames() - total;
  if (isolated > 0)
    context.logger.info(std::to_string(isolated) + " one-atom frame(s) kept aside as isolated-atom references, " +
                        std::to_string(total) + " frames clustered");
  return clustered;
}

parallel::GridShape grid_shape(const ParallelSettings& settings, MPI_Comm comm, const util::Logger& logger) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const parallel::GridShape near_square = parallel::near_square_shape(size);
  if (!settings.grid) return near_square;
  const parallel::GridShape shape = *settings.grid;
  if (shape.rows * shape.cols == size) return shape;
  logger.warning("parallel.grid " + std::to_string(shape.rows) + "x" + std::to_string(shape.cols) + " does not fit " +
                 std::to_string(size) + " ranks: using the near-square grid " + std::to_string(near_square.rows) + "x" +
                 std::to_string(near_square.cols));
  return near_square;
}

kernels::FrameKernelInputs kernel_inputs(RunContext& context, const io::LocalFrames& data,
                                         const kernels::ClusteredFrames& clustered) {
  std::vector<std::int64_t> atoms;
  for (const io::Frame& frame : data.frames) atoms.push_back(static_cast<std::int64_t>(frame.n_atoms()));
  return {context.settings.kernels.soap, context.settings.kernels.coulomb, clustered, atoms};
}

kernels::KernelMatrices build_kernels(RunContext& context, kernels::FrameKernelInputs& inputs,
                                      const io::LocalFrames& data, const descriptors::SoapSettings& soap,
                                      const kernels::ClusteredFrames& clustered, const parallel::BlacsGrid& grid) {
  const KernelStageSettings& settings = context.settings.kernels;
  kernels::AverageKernelOptions options;
  options.block_size = context.settings.parallel.block_size;
  parallel::DistributedMatrix coulomb = [&] {
    auto timer = context.timers.scope("Coulomb kernel");
    util::Progress progress(context.logger, "Coulomb kernel (" + settings.coulomb_form_name + "), rank 0's tiles");
    options.progress = [&](long long done, long long total) { progress.update(done, total); };
    return inputs.coulomb_kernel(grid, options);
  }();
  // The clustered frames' per-atom SOAP rows once more, frame by frame (the exact projection's
  // second pass: soap_projection.hpp).
  const kernels::PerAtomRows soap_atoms_again = [&](const kernels::FrameRowsVisitor& visit) {
    const descriptors::SoapCalculator calculator(soap);
    std::int64_t k = 0;
    for (std::size_t f = 0; f < data.frames.size(); ++f)
      if (clustered.local[f]) visit(k++, calculator.per_atom(data.frames[f]));
  };
  kernels::KernelMatrices matrices{
      [&] {
        auto timer = context.timers.scope("SOAP kernel");
        util::Progress progress(context.logger, "SOAP kernel (" + settings.soap_form_name + ") over " +
                                              std::to_string(clustered.frame_of_row.size()) + " frames, rank 0's tiles");
        options.progress = [&](long long done, long long total) { progress.update(done, total); };
        kernels::ProjectionSummary projection;
        auto kernel = inputs.soap_kernel(soap_atoms_again, grid, options, &projection);
        if (projection.n_features > 0 && projection.rank_kept == projection.n_features)
          context.logger.info("SOAP rows not projected: no smaller rank repays its cost at this size and keeps the "
                              "kernel within the tolerance (first candidate: " + std::to_string(projection.first_candidate) +
                              " of " + std::to_string(projection.n_features) + " dimensions)");
        if (projection.rank_kept < projection.n_features) {  // kernel.soap_projection = exact
          char bound[32];
          std::snprintf(bound, sizeof bound, "%.1e", projection.normalised_error_bound);
          context.logger.info("SOAP rows projected onto their leading " + std::to_string(projection.rank_kept) + " of " +
                              std::to_string(projection.n_features) + " dimensions (normalised kernel error ≤ " + bound +
                              "; first candidate " + std::to_string(projection.first_candidate) + ")");
        }
        return kernel;
      }(),
      std::move(coulomb)};
  return matrices;
}

}  // namespace hykal::app
