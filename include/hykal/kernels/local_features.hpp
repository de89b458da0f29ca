#pragma once
// What one rank contributes to a kernel matrix: the "local feature" rows of its own frames
// (METHOD.md §2). The average kernels of §2 all have the same shape,
//   K(A, B) = (1 / n_A n_B) Σ_{i∈A, j∈B} k(x_i, y_j),
// and differ only in what a row is and in the pairwise kernel k:
//   - per-atom SOAP (average-pairwise form): one row per atom;
//   - mean-descriptor SOAP (Eq. 9): one row per frame, the mean of its atoms' rows;
//   - Coulomb rows form: the n_atoms_max rows of the zero-padded Coulomb matrix (DScribe's
//     AverageKernel averages over all n_atoms_max² row pairs, padding rows included);
//   - Coulomb global form: one row per frame, the flattened matrix (ordered by coulomb.permutation).
// Rank r holds a contiguous block of global frames, the blocks in rank order (as
// io::read_distributed deals them out).
#include "hykal/descriptors/soap_calculator.hpp"

#include <Eigen/Core>
#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::kernels {

using FeatureRows = descriptors::DescriptorMatrix;  // row-major: one feature row is contiguous

struct LocalFeatures {
  FeatureRows rows;                             // this rank's rows, frames in global order
  std::vector<std::int64_t> frame_offsets{0};   // local frame f owns rows [offsets[f], offsets[f+1])
  std::int64_t first_frame = 0;                 // global index of local frame 0

  std::int64_t n_frames() const { return static_cast<std::int64_t>(frame_offsets.size()) - 1; }
  int n_features() const { return static_cast<int>(rows.cols()); }
  std::int64_t rows_of(std::int64_t local_frame) const {
    return frame_offsets[static_cast<std::size_t>(local_frame) + 1] - frame_offsets[static_cast<std::size_t>(local_frame)];
  }
};

// Stacks the per-frame row blocks (e.g. SoapCalculator::per_atom of each local frame). All blocks
// need the same number of columns and at least one row (HYKAL_THROW otherwise: the descriptor
// stage never produces an empty frame).
LocalFeatures stack_frames(const std::vector<FeatureRows>& per_frame, std::int64_t first_frame);

// One row per frame, the mean of the frame's rows (mean-descriptor SOAP, METHOD.md Eq. 9).
LocalFeatures mean_rows(const LocalFeatures& per_atom);

// One row per frame holding the given vector (global Coulomb form: the flattened matrix).
LocalFeatures one_row_per_frame(const std::vector<Eigen::VectorXd>& vectors, std::int64_t first_frame);

// The rows of each zero-padded n_atoms_max × n_atoms_max Coulomb matrix, given flattened
// row-major as CoulombMatrix::compute returns it (length n_atoms_max²; HYKAL_THROW otherwise).
LocalFeatures coulomb_rows(const std::vector<Eigen::VectorXd>& flattened, int n_atoms_max,
                           std::int64_t first_frame);

// Collective: the row length common to all ranks (ranks without frames may hold a 0 × 0 block);
// HYKAL_THROW if two ranks disagree.
int global_feature_count(const LocalFeatures& features, MPI_Comm comm);

}  // namespace hykal::kernels
