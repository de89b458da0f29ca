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
#include "hykal/kernels/local_features.hpp"
#include "hykal/kernels/pairwise_metric.hpp"

#include <mpi.h>

namespace hykal::kernels {

struct ProjectionSummary {
  int n_features = 0;               // p
  int rank_kept = 0;                // r
  double normalised_error_bound = 0.0;  // 3 Δ / min_A K_AA at rank r (0 when not projected)
};

struct ProjectionPolicy {
  double tolerance = 5e-11;  // on the normalised kernel, half the 1e-10 promised
  // Skip the projection when its DGEMMs (≈ 8 p r per row for two candidates) would cost more
  // than the kernel saves ((p − r) per row pair): small data sets gain nothing from it.
  bool only_if_cheaper = true;
};

// Collective over comm. `metric` must be polynomial and resolved for the unprojected rows.
// Returns the rows projected onto the leading eigenvectors, r columns (the rows unchanged, and
// rank_kept = p, when no smaller rank meets the tolerance or the projection would not pay off).
LocalFeatures project_onto_leading_subspace(const LocalFeatures& features, const PairwiseMetric& metric, MPI_Comm comm,
                                            ProjectionSummary& summary, const ProjectionPolicy& policy = {});

}  // namespace hykal::kernels
