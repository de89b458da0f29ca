#pragma once
// Exact subspace projection of per-atom SOAP vectors (issue 10; kernel.soap_projection = exact):
// the polynomial kernel (γ x·y + c0)^d depends on the rows only through their dot products, and
// the rows of a data set span far fewer than p dimensions. With G = Σ_i x_i x_iᵀ (p × p, one
// allreduce) = V Λ Vᵀ (LAPACK dsyevd on rank 0, broadcast), every row is projected onto the r
// leading eigenvectors, y_i = V_rᵀ x_i. One pass over the rows after the eigensolve measures, per
// frame and for every r at once, a bound on the share t_A of its self kernel K_AA that frame A
// loses (the first-order loss exactly, with the signs of the lost dot products, plus a remainder
// from the mean squared residual); the normalised average kernel then changes by at most
// sqrt(t_A t_B) + 1 − sqrt((1 − t_A)(1 − t_B)) ≤ 2 max t (derivation: soap_projection.cpp). The
// rank kept is the smallest r whose bound meets the tolerance; else the rows stay as they are.
// The DGEMMs of the kernel then run over r instead of p features; γ stays the one resolved for
// the p original features.
//
// Memory (issue 10): G is accumulated frame by frame (SubspaceStatistics), while the descriptor
// stage computes the rows; the bound's pass and the projected rows come from two more passes over
// the rows (PerAtomRows, which may compute them again): the p-column rows of all atoms are never
// held at once, only their r-column projection.
#include "hykal/kernels/local_features.hpp"
#include "hykal/kernels/pairwise_metric.hpp"

#include <mpi.h>

#include <functional>
#include <vector>

namespace hykal::kernels {

struct ProjectionSummary {
  int n_features = 0;               // p
  int rank_kept = 0;                // r
  double normalised_error_bound = 0.0;  // the bound on |K̃ − K̃'| at rank r (0 when not projected)
  int first_candidate = 0;          // eigenvalues above 1e-12 λ_max, also when the projection did not pay off
  double bound_one_rank_fewer = 0.0;  // the bound at rank r − 1 (above the tolerance: r is the smallest)
};

struct ProjectionPolicy {
  double tolerance = 5e-11;  // on the normalised kernel, half the 1e-10 promised
  // Skip the projection when its passes (≈ 8 p r flops per row: the bound's pass ≈ 2 p² + 4 n p,
  // the projection 2 p r) would cost more than the kernel saves ((p − r) per row pair): small
  // data sets gain nothing from it.
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
  double rows() const { return rows_; }

 private:
  int n_features_;
  PairwiseMetric metric_;
  std::vector<double> gram_;  // p × p, upper triangle Σ_i x_i x_iᵀ
  double rows_ = 0.0;
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
