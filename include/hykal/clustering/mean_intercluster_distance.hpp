#pragma once
// Mean inter-cluster distance ⟨d⟩(N_c) of METHOD.md §3: d_{s,s'} = (1/(N_s N_s')) Σ_{A∈s, B∈s'} D(A,B)
// and ⟨d⟩ = mean of d_{s,s'} over cluster pairs s < s'. The sums run over the distributed D:
// each rank adds its local elements into an N_c × N_c table of per-pair sums, and one
// MPI_Allreduce of that table completes them; D is never gathered.
#include "hykal/parallel/distributed_matrix.hpp"

#include <Eigen/Dense>

#include <vector>

namespace hykal::clustering {

struct InterclusterDistances {
  Eigen::MatrixXd pair_mean;  // d_{s,s'} (N_c × N_c, symmetric; NaN where a cluster is empty)
  double mean = 0.0;          // ⟨d⟩ over pairs s < s' of clusters with members; NaN if < 2 have
};

// Collective over distance.grid(). labels: replicated, one per row of distance, in 0 … n_clusters−1.
InterclusterDistances mean_intercluster_distance(const parallel::DistributedMatrix& distance,
                                                 const std::vector<int>& labels, int n_clusters);

}  // namespace hykal::clustering
