// Exact subspace projection of per-atom SOAP rows (issue 10): the bound that fixes the rank kept.
//
// Notation (METHOD.md §2, average SOAP kernel): k(s) = (γ s + c0)^d on the dot product s = x_i·x_j
// of two per-atom rows, K_AB = (1/N_A N_B) Σ_{i∈A, j∈B} k(x_i·x_j), K̃_AB = K_AB / sqrt(K_AA K_BB);
// d ≥ 1 an integer, γ > 0, c0 ≥ 0 (pairwise_metric.hpp checks them).
//
// Projection. G = Σ_i x_i x_iᵀ = V Λ Vᵀ; the row x_i has the coordinates w_i = Vᵀ x_i in the
// eigenbasis; y_i (the r leading ones) is kept, z_i (the p − r others) dropped. V is orthogonal,
// so x_i·x_j = y_i·y_j + z_i·z_j: a dot product loses exactly ε_ij = z_i·z_j.
//
// (1) Δ = K − K' (K' from the y_i) is a positive semidefinite kernel on frames. Expanding
//     k(a + b) − k(a) in powers of a = y_i·y_j and b = z_i·z_j gives only terms c a^m b^l with
//     l ≥ 1 and c ≥ 0 (c0 ≥ 0, γ > 0); each is a Schur product of linear kernels, so PSD, and a
//     frame average of a PSD kernel is one too. Hence 0 ≤ Δ_AA ≤ K_AA, |Δ_AB| ≤ sqrt(Δ_AA Δ_BB),
//     and |K'_AB| ≤ sqrt(K'_AA K'_BB).
// (2) Normalised kernel. With t_A = Δ_AA / K_AA (the share of its self kernel a frame loses),
//     K̃_AB − K̃'_AB = Δ_AB / sqrt(K_AA K_BB) + K'_AB (1/sqrt(K_AA K_BB) − 1/sqrt(K'_AA K'_BB)),
//     so by (1)  |K̃_AB − K̃'_AB| ≤ E(t_A, t_B) = sqrt(t_A t_B) + 1 − sqrt((1 − t_A)(1 − t_B)).
//     E grows with both arguments, so over all pairs A ≠ B the largest is E of the two largest
//     t_A (E(t, t) = 2t, reached when K'_AB = sqrt(K'_AA K'_BB) and Δ_AB = −sqrt(Δ_AA Δ_BB)).
//     Clipping K̃ to 1 does not increase the error.
// (3) Self-kernel loss of one frame (n atoms). Taylor with Lagrange remainder at s = x_i·x_j:
//     k(s) − k(s − ε) = k'(s) ε − ½ k''(ξ) ε², ξ between s − ε = y_i·y_j and s, so |ξ| ≤ M_A
//     (M_A = max_{i∈A} ‖x_i‖², as ‖y_i‖ ≤ ‖x_i‖), |k''(ξ)| ≤ d(d−1) γ² (γ M_A + c0)^(d−2) =: L2_A.
//     The first-order part is exact and keeps the signs of the ε_ij, where they cancel:
//       Σ_ij k'(s_ij) ε_ij = Σ_{dropped l} q_l,  q_l = w_{·l}ᵀ D w_{·l} ≥ 0,  D_ij = k'(x_i·x_j),
//     w_{·l} the n atoms' coordinates along eigenvector l (D is PSD: k' is again a polynomial
//     kernel with non-negative coefficients). The remainder takes |ε_ij| ≤ ‖z_i‖ ‖z_j‖:
//       Δ_AA ≤ (1/n²) Σ_{dropped l} q_l + ½ L2_A c_A²,   c_A = (1/n) Σ_i ‖z_i‖² = Σ_{dropped l} c_l.
//     Both are suffix sums over the eigen-directions, so one pass over the rows (after the
//     eigensolve) gives t_A for every rank r at once; the rank kept is the smallest r whose
//     E(t_(1), t_(2)) meets the tolerance (ProjectionSummary also states E at r − 1, above it).
//
// Against the rule before (ρ = max over all atoms of ‖z_i‖², the pair error d γ ρ
// (γ M + c0 + γ ρ)^(d−1) =: Δ_old, and 3 Δ_old / min_A K_AA): the first-order part is at most
// k'(M_A) (mean_i ‖z_i‖)² ≤ d γ (γ M + c0)^(d−1) ρ, the remainder at most the growth of the old
// power, and E ≤ 2 max t; so the new bound is below the old one at every r, and the new rank is
// never above the old one. It gains by (i) cancellation among the ε_ij instead of |ε_ij| ≤ ρ,
// (ii) each frame's own atoms, M_A and K_AA instead of the worst atom and frame of the data set,
// (iii) 2 t instead of 3 Δ / min K.
//
// Floating point: the identity x·x' = y·y' + z·z' holds to ‖I − V Vᵀ‖ M ≈ p u M (dsyevd's
// eigenvectors), the coordinates carry errors ≈ sqrt(p) u ‖x_i‖, the kernel DGEMMs themselves
// ≈ p u; together ≈ 1e-13 of the normalised kernel, which the tolerance (5e-11, half the 1e-10
// promised) leaves room for. The selection is a function of per-frame sums and two maxima over
// frames, never of a sum over ranks: the number of ranks reaches it only through the last bits of
// G's allreduce (the test checks that the rank kept is the same on one rank as on 2 and 4).
#include "hykal/kernels/soap_projection.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

extern "C" {
void dsyrk_(const char* uplo, const char* trans, const int* n, const int* k, const double* alpha, const double* a,
            const int* lda, const double* beta, double* c, const int* ldc);
void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k, const double* alpha,
            const double* a, const int* lda, const double* b, const int* ldb, const double* beta, double* c,
            const int* ldc);
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w, double* work,
             const int* lwork, int* iwork, const int* liwork, int* info);
}

namespace hykal::kernels {

namespace {

constexpr double unbounded = std::numeric_limits<double>::infinity();

// Eigenvalues (ascending) and eigenvectors (columns, column-major) of the symmetric matrix whose
// upper triangle `a` holds, by LAPACK dsyevd on rank 0, broadcast so that every rank projects
// with the same bits.
std::vector<double> eigen_decomposition(std::vector<double>& a, int p, MPI_Comm comm) {
  std::vector<double> values(static_cast<std::size_t>(p));
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  int info = 0;
  if (rank == 0) {
    int lwork = -1, liwork = -1, iwork_size = 0;
    double work_size = 0.0;
    dsyevd_("V", "U", &p, a.data(), &p, values.data(), &work_size, &lwork, &iwork_size, &liwork, &info);
    lwork = static_cast<int>(work_size);
    liwork = iwork_size;
    std::vector<double> work(static_cast<std::size_t>(std::max(1, lwork)));
    std::vector<int> iwork(static_cast<std::size_t>(std::max(1, liwork)));
    dsyevd_("V", "U", &p, a.data(), &p, values.data(), work.data(), &lwork, iwork.data(), &liwork, &info);
  }
  MPI_Bcast(&info, 1, MPI_INT, 0, comm);
  HYKAL_ASSERT(info == 0, "dsyevd failed on the SOAP Gram matrix (info " + std::to_string(info) + ")");
  MPI_Bcast(values.data(), p, MPI_DOUBLE, 0, comm);
  MPI_Bcast(a.data(), static_cast<int>(a.size()), MPI_DOUBLE, 0, comm);
  return values;
}

// The reduced Gram matrix's eigenpairs.
struct LeadingSubspace {
  std::vector<double> values;   // ascending
  std::vector<double> vectors;  // p × p, column-major, same order
  double total_rows = 0.0;

  int rank_above(double cut) const {
    return static_cast<int>(std::count_if(values.begin(), values.end(), [cut](double value) { return value > cut; }));
  }
};

LeadingSubspace leading_subspace(SubspaceStatistics& statistics, MPI_Comm comm) {
  LeadingSubspace subspace;
  subspace.vectors = std::move(statistics.gram());
  MPI_Allreduce(MPI_IN_PLACE, subspace.vectors.data(), static_cast<int>(subspace.vectors.size()), MPI_DOUBLE, MPI_SUM,
                comm);
  subspace.total_rows = statistics.rows();
  MPI_Allreduce(MPI_IN_PLACE, &subspace.total_rows, 1, MPI_DOUBLE, MPI_SUM, comm);
  subspace.values = eigen_decomposition(subspace.vectors, statistics.n_features(), comm);
  return subspace;
}

// One frame's per-direction sums of the header's (3): q_l and c_l for every eigen-direction l
// (ascending order), its self kernel K_AA and M_A.
struct FrameLoss {
  std::vector<double> weighted;  // q_l = w_{·l}ᵀ D w_{·l}
  std::vector<double> squared;   // c_l = (1/n) Σ_i w_il²
  double self_kernel = 0.0, largest_squared_norm = 0.0;
};

// Row-major rows of length p are, for BLAS, the column-major p × n matrix Xᵀ.
FrameLoss frame_loss(const FeatureRows& x, const std::vector<double>& vectors, const PairwiseMetric& metric) {
  const int n = static_cast<int>(x.rows()), p = static_cast<int>(x.cols());
  const double one = 1.0, zero = 0.0;
  std::vector<double> coordinates(static_cast<std::size_t>(p) * n);  // Vᵀ Xᵀ, p × n: atom i's w_i
  dgemm_("T", "N", &p, &n, &p, &one, vectors.data(), &p, x.data(), &p, &zero, coordinates.data(), &p);
  std::vector<double> dots(static_cast<std::size_t>(n) * n);  // x_i·x_j
  dgemm_("T", "N", &n, &n, &p, &one, x.data(), &p, x.data(), &p, &zero, dots.data(), &n);

  FrameLoss loss;
  const double g = metric.gamma, c0 = metric.coef0;
  const int d = metric.degree;
  double self_sum = 0.0;
  for (double& s : dots) {  // s_ij → D_ij = k'(s_ij)
    self_sum += std::pow(g * s + c0, d);
    s = d * g * std::pow(g * s + c0, d - 1);
  }
  loss.self_kernel = self_sum / (static_cast<double>(n) * n);
  loss.largest_squared_norm = x.rowwise().squaredNorm().maxCoeff();

  std::vector<double> slope_times(static_cast<std::size_t>(p) * n);  // (D W)ᵀ, p × n
  dgemm_("N", "N", &p, &n, &n, &one, coordinates.data(), &p, dots.data(), &n, &zero, slope_times.data(), &p);
  loss.weighted.assign(static_cast<std::size_t>(p), 0.0);
  loss.squared.assign(static_cast<std::size_t>(p), 0.0);
  for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i)
    for (std::size_t l = 0; l < static_cast<std::size_t>(p); ++l) {
      const double w = coordinates[i * p + l];
      loss.weighted[l] += w * slope_times[i * p + l];
      loss.squared[l] += w * w / n;
    }
  return loss;
}

// t_A(r) for r = 0 … p (header (3)): the bound on Δ_AA / K_AA when the p − r trailing
// directions are dropped; infinite when the frame's self kernel cannot normalise.
std::vector<double> self_kernel_loss_by_rank(const FrameLoss& frame, const PairwiseMetric& metric, int n_atoms) {
  const int p = static_cast<int>(frame.weighted.size());
  std::vector<double> loss(static_cast<std::size_t>(p) + 1, 0.0);
  if (!(frame.self_kernel > 0.0)) {
    std::fill(loss.begin(), loss.end() - 1, unbounded);
    return loss;
  }
  const double g = metric.gamma, d = metric.degree;
  const double curvature =  // L2_A; k'' = 0 for d = 1
      d < 2 ? 0.0 : d * (d - 1) * g * g * std::pow(g * frame.largest_squared_norm + metric.coef0, d - 2);
  double first_order = 0.0, mean_dropped = 0.0;
  for (int dropped = 1; dropped <= p; ++dropped) {
    first_order += frame.weighted[static_cast<std::size_t>(dropped) - 1];
    mean_dropped += frame.squared[static_cast<std::size_t>(dropped) - 1];
    const double bound = first_order / (static_cast<double>(n_atoms) * n_atoms) + 0.5 * curvature * mean_dropped * mean_dropped;
    loss[static_cast<std::size_t>(p - dropped)] = bound / frame.self_kernel;
  }
  return loss;
}

// The two largest t_A(r) over frames, for every r: E of header (2) over all pairs is E of these.
struct LargestLosses {
  std::vector<double> first, second;

  explicit LargestLosses(int p) : first(static_cast<std::size_t>(p) + 1, 0.0), second(first) {}
  void add(const std::vector<double>& loss) {
    for (std::size_t r = 0; r < loss.size(); ++r) {
      if (loss[r] > first[r]) {
        second[r] = first[r];
        first[r] = loss[r];
      } else if (loss[r] > second[r]) {
        second[r] = loss[r];
      }
    }
  }
};

// Every rank's two largest, merged: the same values whatever the number of ranks.
LargestLosses global_largest(const LargestLosses& local, MPI_Comm comm) {
  const int length = static_cast<int>(local.first.size());
  int size = 1;
  MPI_Comm_size(comm, &size);
  std::vector<double> mine(local.first);
  mine.insert(mine.end(), local.second.begin(), local.second.end());
  std::vector<double> all(mine.size() * static_cast<std::size_t>(size));
  MPI_Allgather(mine.data(), 2 * length, MPI_DOUBLE, all.data(), 2 * length, MPI_DOUBLE, comm);
  LargestLosses merged(length - 1);
  for (std::size_t part = 0; part < 2 * static_cast<std::size_t>(size); ++part)
    merged.add(std::vector<double>(all.begin() + static_cast<std::ptrdiff_t>(part * length),
                                   all.begin() + static_cast<std::ptrdiff_t>((part + 1) * length)));
  return merged;
}

// E(t_a, t_b) of header (2), with 1 − sqrt(a) written as (1 − a) / (1 + sqrt(a)) so that it does
// not cancel for t ≈ 1e-11.
double normalised_error(double ta, double tb) {
  if (!(ta < 1.0 && tb < 1.0)) return unbounded;
  return std::sqrt(ta * tb) + (ta + tb - ta * tb) / (1.0 + std::sqrt((1.0 - ta) * (1.0 - tb)));
}

// The bound on |K̃ − K̃'| over all frame pairs for every rank r = 0 … p: one pass over the rows.
std::vector<double> normalised_error_by_rank(const PerAtomRows& rows, const std::vector<double>& vectors,
                                             const PairwiseMetric& metric, int p, MPI_Comm comm) {
  LargestLosses local(p);
  rows([&](std::int64_t, const FeatureRows& x) {
    HYKAL_ASSERT(x.cols() == p, "per-atom rows differ from the first pass");
    local.add(self_kernel_loss_by_rank(frame_loss(x, vectors, metric), metric, static_cast<int>(x.rows())));
  });
  const LargestLosses largest = global_largest(local, comm);
  std::vector<double> bound(static_cast<std::size_t>(p) + 1);
  for (std::size_t r = 0; r < bound.size(); ++r) bound[r] = normalised_error(largest.first[r], largest.second[r]);
  return bound;
}

// One pass over the rows: each frame's rows projected onto the r leading eigenvectors (the last
// r columns of `vectors`, p × p column-major: in column-major terms Yᵀ (r × n) = V_rᵀ (r × p)
// Xᵀ (p × n)). r = p copies the rows.
LocalFeatures projected_pass(const PerAtomRows& rows, const std::vector<std::int64_t>& frame_offsets,
                             std::int64_t first_frame, const std::vector<double>& vectors, int p, int r) {
  LocalFeatures projected;
  projected.first_frame = first_frame;
  projected.frame_offsets = frame_offsets;
  projected.rows.resize(frame_offsets.back(), r);
  rows([&](std::int64_t f, const FeatureRows& x) {
    const std::int64_t first = frame_offsets[static_cast<std::size_t>(f)];
    HYKAL_ASSERT(x.rows() == frame_offsets[static_cast<std::size_t>(f) + 1] - first && x.cols() == p,
                 "per-atom rows of frame " + std::to_string(f) + " differ from the first pass");
    if (r == p) {
      projected.rows.middleRows(first, x.rows()) = x;
      return;
    }
    const int n = static_cast<int>(x.rows());
    const double one = 1.0, zero = 0.0;
    const double* leading = vectors.data() + static_cast<std::size_t>(p - r) * p;
    dgemm_("T", "N", &r, &n, &p, &one, leading, &p, x.data(), &p, &zero, projected.rows.row(first).data(), &r);
  });
  return projected;
}

// The smallest rank whose bound meets the tolerance, p when none below p does.
int smallest_rank_within(const std::vector<double>& bound, double tolerance) {
  const int p = static_cast<int>(bound.size()) - 1;
  for (int r = 1; r < p; ++r)
    if (bound[static_cast<std::size_t>(r)] <= tolerance) return r;
  return p;
}

}  // namespace

bool projection_pays_off(double total_rows, int n_features, int rank) {
  return total_rows * (n_features - rank) > 8.0 * n_features * rank;
}

SubspaceStatistics::SubspaceStatistics(int n_features, const PairwiseMetric& metric)
    : n_features_(n_features),
      metric_(metric),
      gram_(static_cast<std::size_t>(n_features) * static_cast<std::size_t>(n_features), 0.0) {
  HYKAL_ASSERT(metric.type == MetricType::polynomial, "the exact projection needs the polynomial kernel");
}

void SubspaceStatistics::add_frame(const FeatureRows& rows) {
  HYKAL_ASSERT(rows.cols() == n_features_ && rows.rows() > 0, "a frame's rows do not fit the projection's statistics");
  // Row-major rows of length p are, for BLAS, a column-major p × n matrix.
  const int n = static_cast<int>(rows.rows()), p = n_features_;
  const double one = 1.0;
  dsyrk_("U", "N", &p, &n, &one, rows.data(), &p, &one, gram_.data(), &p);
  rows_ += n;
}

LocalFeatures project_onto_leading_subspace(SubspaceStatistics statistics, const PerAtomRows& rows,
                                            const std::vector<std::int64_t>& frame_offsets, std::int64_t first_frame,
                                            MPI_Comm comm, ProjectionSummary& summary, const ProjectionPolicy& policy) {
  const int p = statistics.n_features();
  summary = {p, p, 0.0, p, 0.0};
  const auto unprojected = [&] { return projected_pass(rows, frame_offsets, first_frame, {}, p, p); };
  if (p == 0) return unprojected();
  const LeadingSubspace subspace = leading_subspace(statistics, comm);
  if (!(subspace.values.back() > 0.0)) return unprojected();
  // Whether the projection can pay off is judged before the bound's pass, on the eigenvalues
  // above 1e-12 λ_max: the rank kept is rarely far from it.
  const int first_rank = std::max(1, subspace.rank_above(1e-12 * subspace.values.back()));
  summary.first_candidate = first_rank;
  if (policy.only_if_cheaper && !projection_pays_off(subspace.total_rows, p, first_rank)) return unprojected();
  const std::vector<double> bound = normalised_error_by_rank(rows, subspace.vectors, statistics.metric(), p, comm);
  const int r = smallest_rank_within(bound, policy.tolerance);
  if (r >= p) return unprojected();
  summary = {p, r, bound[static_cast<std::size_t>(r)], first_rank, bound[static_cast<std::size_t>(r) - 1]};
  return projected_pass(rows, frame_offsets, first_frame, subspace.vectors, p, r);
}

LocalFeatures project_onto_leading_subspace(const LocalFeatures& features, const PairwiseMetric& metric, MPI_Comm comm,
                                            ProjectionSummary& summary, const ProjectionPolicy& policy) {
  SubspaceStatistics statistics(global_feature_count(features, comm), metric);
  const auto frames = [&](const FrameRowsVisitor& visit) {
    for (std::int64_t f = 0; f < features.n_frames(); ++f) {
      visit(f, features.rows.middleRows(features.frame_offsets[static_cast<std::size_t>(f)], features.rows_of(f)));
    }
  };
  frames([&](std::int64_t, const FeatureRows& rows) { statistics.add_frame(rows); });
  return project_onto_leading_subspace(std::move(statistics), frames, features.frame_offsets, features.first_frame,
                                       comm, summary, policy);
}

}  // namespace hykal::kernels
