#include "hykal/kernels/frame_kernels.hpp"

#include "hykal/error.hpp"
#include "hykal/kernels/kernel_normalisation.hpp"

#include <mpi.h>

#include <cmath>
#include <string>
#include <utility>

namespace hykal::kernels {
namespace {

bool keeps_atom_rows(const SoapKernelSettings& settings) {
  return settings.form == SoapKernelForm::average_pairwise && settings.projection == SoapProjection::off;
}

// The largest value of `mine` over the ranks (ranks without clustered frames know no row length).
int global_max(int mine, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, &mine, 1, MPI_INT, MPI_MAX, comm);
  return mine;
}

}  // namespace

FrameKernelInputs::FrameKernelInputs(const SoapKernelSettings& soap, const CoulombKernelSettings& coulomb,
                                     const ClusteredFrames& clustered,
                                     const std::vector<std::int64_t>& atoms_of_local_frame)
    : soap_settings_(soap), coulomb_settings_(coulomb), clustered_(clustered.local), first_row_(clustered.first_row) {
  HYKAL_ASSERT(atoms_of_local_frame.size() == clustered_.size(), "atom counts of other frames than the clustered ones");
  soap_offsets_.push_back(0);
  for (std::size_t f = 0; f < clustered_.size(); ++f)
    if (clustered_[f]) soap_offsets_.push_back(soap_offsets_.back() + atoms_of_local_frame[f]);
  soap_rows_ = empty_rows();
  coulomb_rows_ = empty_rows();
}

LocalFeatures FrameKernelInputs::empty_rows() const {
  LocalFeatures rows;
  rows.first_frame = first_row_;
  return rows;
}

void FrameKernelInputs::add(std::size_t f, const FeatureRows& soap_atoms, const Eigen::VectorXd& coulomb) {
  HYKAL_ASSERT(f < clustered_.size(), "frame " + std::to_string(f) + " is not a local frame");
  if (!clustered_[f]) return;
  const std::int64_t k = next_frame_++;
  const auto frames = static_cast<std::int64_t>(soap_offsets_.size()) - 1;
  const auto p = soap_atoms.cols();
  if (k == 0) {  // sized once the row lengths are known
    const Eigen::Index n = coulomb_settings_.form == CoulombKernelForm::rows
                               ? static_cast<Eigen::Index>(std::lround(std::sqrt(static_cast<double>(coulomb.size()))))
                               : 1;
    coulomb_rows_.rows.resize(frames * n, coulomb.size() / n);
    if (keeps_atom_rows(soap_settings_)) soap_rows_.rows.resize(soap_offsets_.back(), p);
    if (soap_settings_.form == SoapKernelForm::mean_descriptor) soap_rows_.rows.resize(frames, p);
    if (!keeps_atom_rows(soap_settings_) && soap_settings_.form == SoapKernelForm::average_pairwise)
      soap_statistics_.emplace(static_cast<int>(p), soap_metric(soap_settings_, static_cast<int>(p)));
  }
  // Coulomb: the flattened row-major matrix is its rows (rows form) or one row (global form).
  const Eigen::Index per_frame = coulomb_rows_.rows.rows() / frames;
  coulomb_rows_.rows.middleRows(k * per_frame, per_frame) =
      Eigen::Map<const FeatureRows>(coulomb.data(), per_frame, coulomb_rows_.rows.cols());
  coulomb_rows_.frame_offsets.push_back((k + 1) * per_frame);

  if (soap_settings_.form == SoapKernelForm::mean_descriptor) {
    soap_rows_.rows.row(k) = soap_atoms.colwise().sum() / static_cast<double>(soap_atoms.rows());
    soap_rows_.frame_offsets.push_back(k + 1);
  } else if (keeps_atom_rows(soap_settings_)) {
    soap_rows_.rows.middleRows(soap_offsets_[static_cast<std::size_t>(k)], soap_atoms.rows()) = soap_atoms;
    soap_rows_.frame_offsets.push_back(soap_offsets_[static_cast<std::size_t>(k) + 1]);
  } else {
    soap_statistics_->add_frame(soap_atoms);
  }
}

parallel::DistributedMatrix FrameKernelInputs::soap_kernel(const PerAtomRows& soap_atoms_again,
                                                           const parallel::BlacsGrid& grid,
                                                           const AverageKernelOptions& options,
                                                           ProjectionSummary* projection) {
  HYKAL_ASSERT(next_frame_ + 1 == static_cast<std::int64_t>(soap_offsets_.size()), "SOAP kernel before every frame was added");
  const bool projects = soap_settings_.form == SoapKernelForm::average_pairwise && !keeps_atom_rows(soap_settings_);
  const int p = projects ? global_max(soap_statistics_ ? soap_statistics_->n_features() : 0, grid.comm())
                         : global_feature_count(soap_rows_, grid.comm());
  const PairwiseMetric metric = soap_metric(soap_settings_, p);
  LocalFeatures rows = std::exchange(soap_rows_, empty_rows());
  if (projects) {
    if (!soap_statistics_) soap_statistics_.emplace(p, metric);
    ProjectionSummary summary;
    rows = project_onto_leading_subspace(std::move(*soap_statistics_), soap_atoms_again, soap_offsets_, first_row_,
                                         grid.comm(), summary);
    soap_statistics_.reset();
    if (projection) *projection = summary;
  }
  parallel::DistributedMatrix kernel = average_kernel(rows, metric, grid, options);
  rows = empty_rows();
  normalise_kernel(kernel, "SOAP kernel");
  return kernel;
}

parallel::DistributedMatrix FrameKernelInputs::coulomb_kernel(const parallel::BlacsGrid& grid,
                                                              const AverageKernelOptions& options) {
  HYKAL_ASSERT(next_frame_ + 1 == static_cast<std::int64_t>(soap_offsets_.size()), "Coulomb kernel before every frame was added");
  LocalFeatures rows = std::exchange(coulomb_rows_, empty_rows());
  const PairwiseMetric metric = coulomb_metric(coulomb_settings_, global_feature_count(rows, grid.comm()));
  parallel::DistributedMatrix kernel = average_kernel(rows, metric, grid, options);
  rows = empty_rows();
  normalise_kernel(kernel, "Coulomb kernel");
  return kernel;
}

}  // namespace hykal::kernels
