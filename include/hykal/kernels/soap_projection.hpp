#pragma once
// Exact subspace projection of per-atom SOAP vectors (issue 10; kernel.soap_projection = exact):
// the polynomial kernel (γ x·y + c0)^d depends on the rows only through their dot products, and
// the rows of a data set span far fewer than p dimensions. With G = Σ_i x_i x_iᵀ (p × p, one
// allreduce) = V Λ Vᵀ (LAPACK dsyevd on rank 0, broadcast), every row is projected onto the r
// leading eigenvectors, y_i = V_rᵀ x_i. With ρ = max_i ‖x_i − V_r y_i‖² (the residuals formed
// explicitly), a dot product changes by at most ρ (Cauchy–Schwarz), a pair kernel by at most
// Δ = d γ ρ (γ M + c0 + γ ρ)^(d−1), M = max_i ‖x_i‖², and the normalised average kernel
// K_AB / sqrt(K_AA K_BB) by at most 3 Δ / min_A K_AA (first order: 2 Δ / min K_AA; the self
// kernels K_AA are computed exactly first). The first candidate rank keeps the eigenvalues above
// 1e-12 λ_max; the next ones are aimed at half the tolerance from the residual just measured (at
// most four); the first whose bound meets the tolerance is kept, else the rows stay as they are. The DGEMMs of the kernel then run over r instead of p
// features; γ stays the one resolved for the p original features.
//
// Memory (issue 10): G, max ‖x_i‖² and the self kernels are accumulated frame by frame
// (SubspaceStatistics), while the descriptor stage computes the rows, and the projected rows are
// filled frame by frame from a second pass over the rows (PerAtomRows, which may compute them
// again): the p-column rows of all atoms are never held at once, only their r-column projection.
#include "hykal/kernels/local_features.hpp"
#include "hykal/kernels/pairwise_metric.hpp"

#include <mpi.h>

#include <functional>
#include <vector>

namespace hykal::kernels {

struct ProjectionSummary {
  int n_features = 0;               // p
  int rank_kept = 0;                // r
  double normalised_error_bound = 0.0;  // 3 Δ / min_A K_AA at rank r (0 when not projected)
  int first_candidate = 0;          // the first candidate's rank, also when the projection did not pay off
};

struct ProjectionPolicy {
  double tolerance = 5e-11;  // on the normalised kernel, half the 1e-10 promised
  // Skip the projection when its DGEMMs (≈ 8 p r per row for two candidates) would cost more
  // than the kernel saves ((p − r) per row pair): small data sets gain nothing from it.
  bool only_if_cheaper = true;
};

// What fixes the projection, accumulated over one rank's frames (Gram matrix: upper triangle).
// `metric` must be polynomial and resolved for the unprojected rows.
class SubspaceStatistics {
 public:
  SubspaceStatistics(int n_features, const PairwiseMetric& metric);
  void add_frame(const FeatureRows& rows);  // HYKAL_THROW unless n_features columns

  const PairwiseMetric& metric() const { return metric_; }
  int n_features() const { return n_features_; }
  std::vector<double>& gram() { return gram_; }
  double largest_squared_norm() const { return largest_squared_norm_; }
  double smallest_self_kernel() const { return smallest_self_kernel_; }
  double rows() const { return rows_; }

 private:
  int n_features_;
  PairwiseMetric metric_;
  std::vector<double> gram_;  // p × p, upper triangle Σ_i x_i x_iᵀ
  double largest_squared_norm_ = 0.0;
  double smallest_self_kernel_;  // DBL_MAX before the first frame
  double rows_ = 0.0;
  std::vector<double> tile_;
};

// Hands `visit` every local frame's rows, frames in local order (0, 1, …), each valid during the
// call only; may compute them again on each pass.
using FrameRowsVisitor = std::function<void(std::int64_t local_frame, const FeatureRows& rows)>;
using PerAtomRows = std::function<void(const FrameRowsVisitor& visit)>;

// Collective over comm. `statistics`: this rank's (reduced here); `rows` passes over the same
// frames, whose row counts frame_offsets gives. Returns the rows projected onto the leading
// eigenvectors, r columns (all p columns, rank_kept = p, when no smaller rank meets the tolerance
// or the projection would not pay off). Holds one frame's p-column rows at a time.
LocalFeatures project_onto_leading_subspace(SubspaceStatistics statistics, const PerAtomRows& rows,
                                            const std::vector<std::int64_t>& frame_offsets, std::int64_t first_frame,
                                            MPI_Comm comm, ProjectionSummary& summary,
                                            const ProjectionPolicy& policy = {});

// Does a projection onto r of p dimensions repay its DGEMMs (ProjectionPolicy::only_if_cheaper)
// for total_rows rows in all?
bool projection_pays_off(double total_rows, int n_features, int rank);

// Collective over comm, the same from rows held in full. `metric` must be polynomial and resolved for the unprojected rows.
// Returns the rows projected onto the leading eigenvectors, r columns (the rows unchanged, and
// rank_kept = p, when no smaller rank meets the tolerance or the projection would not pay off).
LocalFeatures project_onto_leading_subspace(const LocalFeatures& features, const PairwiseMetric& metric, MPI_Comm comm,
                                            ProjectionSummary& summary, const ProjectionPolicy& policy = {});

}  // namespace hykal::kernels
