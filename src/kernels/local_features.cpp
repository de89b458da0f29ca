#include "hykal/kernels/local_features.hpp"

#include "hykal/error.hpp"

#include <climits>
#include <string>

namespace hykal::kernels {

LocalFeatures stack_frames(const std::vector<FeatureRows>& per_frame, std::int64_t first_frame) {
  LocalFeatures features;
  features.first_frame = first_frame;
  Eigen::Index total = 0;
  Eigen::Index columns = per_frame.empty() ? 0 : per_frame.front().cols();
  for (const auto& block : per_frame) {
    HYKAL_ASSERT(block.rows() > 0, "a frame without feature rows");
    HYKAL_ASSERT(block.cols() == columns, "frames with different feature lengths");
    total += block.rows();
    features.frame_offsets.push_back(total);
  }
  features.rows.resize(total, columns);
  Eigen::Index row = 0;
  for (const auto& block : per_frame) {
    features.rows.middleRows(row, block.rows()) = block;
    row += block.rows();
  }
  return features;
}

LocalFeatures mean_rows(const LocalFeatures& per_atom) {
  LocalFeatures means;
  means.first_frame = per_atom.first_frame;
  const std::int64_t n = per_atom.n_frames();
  means.rows.resize(n, per_atom.rows.cols());
  for (std::int64_t f = 0; f < n; ++f) {
    const auto first = per_atom.frame_offsets[static_cast<std::size_t>(f)];
    const auto count = per_atom.rows_of(f);
    means.rows.row(f) = per_atom.rows.middleRows(first, count).colwise().sum() / static_cast<double>(count);
    means.frame_offsets.push_back(f + 1);
  }
  return means;
}

LocalFeatures one_row_per_frame(const std::vector<Eigen::VectorXd>& vectors, std::int64_t first_frame) {
  std::vector<FeatureRows> blocks;
  blocks.reserve(vectors.size());
  for (const auto& vector : vectors) blocks.emplace_back(vector.transpose());
  return stack_frames(blocks, first_frame);
}

LocalFeatures coulomb_rows(const std::vector<Eigen::VectorXd>& flattened, int n_atoms_max, std::int64_t first_frame) {
  std::vector<FeatureRows> blocks;
  blocks.reserve(flattened.size());
  const Eigen::Index n = n_atoms_max;
  for (const auto& matrix : flattened) {
    HYKAL_ASSERT(matrix.size() == n * n, "Coulomb matrix of length " + std::to_string(matrix.size()) +
                                             " for n_atoms_max " + std::to_string(n_atoms_max));
    blocks.emplace_back(Eigen::Map<const FeatureRows>(matrix.data(), n, n));
  }
  return stack_frames(blocks, first_frame);
}

int global_feature_count(const LocalFeatures& features, MPI_Comm comm) {
  const bool has_rows = features.n_frames() > 0;
  const int mine_max = has_rows ? features.n_features() : 0;
  const int mine_min = has_rows ? features.n_features() : INT_MAX;
  int largest = 0;
  int smallest = 0;
  MPI_Allreduce(&mine_max, &largest, 1, MPI_INT, MPI_MAX, comm);
  MPI_Allreduce(&mine_min, &smallest, 1, MPI_INT, MPI_MIN, comm);
  HYKAL_ASSERT(smallest == INT_MAX || smallest == largest, "ranks hold feature rows of different lengths");
  return largest;
}

}  // namespace hykal::kernels
