#include "hykal/kernels/soap_projection.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
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

// One pass over the rows: each frame's rows projected onto the r leading eigenvectors (the last
// r columns of `vectors`, p × p column-major: in column-major terms Yᵀ (r × n) = V_rᵀ (r × p)
// Xᵀ (p × n)), and max_i ‖x_i − V_r y_i‖², the residual formed explicitly rather than as
// ‖x‖² − ‖y‖², which would cancel catastrophically. r = p copies the rows.
struct ProjectedPass {
  LocalFeatures projected;
  double largest_squared_residual = 0.0;
};

ProjectedPass projected_pass(const PerAtomRows& rows, const std::vector<std::int64_t>& frame_offsets,
                             std::int64_t first_frame, const std::vector<double>& vectors, int p, int r) {
  ProjectedPass pass;
  pass.projected.first_frame = first_frame;
  pass.projected.frame_offsets = frame_offsets;
  pass.projected.rows.resize(frame_offsets.back(), r);
  FeatureRows residual;
  rows([&](std::int64_t f, const FeatureRows& x) {
    const std::int64_t first = frame_offsets[static_cast<std::size_t>(f)];
    HYKAL_ASSERT(x.rows() == frame_offsets[static_cast<std::size_t>(f) + 1] - first && x.cols() == p,
                 "per-atom rows of frame " + std::to_string(f) + " differ from the first pass");
    if (r == p) {
      pass.projected.rows.middleRows(first, x.rows()) = x;
      return;
    }
    const int n = static_cast<int>(x.rows());
    const double one = 1.0, zero = 0.0, minus_one = -1.0;
    const double* leading = vectors.data() + static_cast<std::size_t>(p - r) * p;
    double* y = pass.projected.rows.row(first).data();
    dgemm_("T", "N", &r, &n, &p, &one, leading, &p, x.data(), &p, &zero, y, &r);
    residual = x;
    dgemm_("N", "N", &p, &n, &r, &minus_one, leading, &p, y, &r, &one, residual.data(), &p);
    pass.largest_squared_residual =
        std::max(pass.largest_squared_residual, residual.rowwise().squaredNorm().maxCoeff());
  });
  return pass;
}

double global_max(double local, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, &local, 1, MPI_DOUBLE, MPI_MAX, comm);
  return local;
}

// The statistics of every rank, reduced, and the eigenpairs of the Gram matrix.
struct LeadingSubspace {
  std::vector<double> values;   // ascending
  std::vector<double> vectors;  // p × p, column-major, same order
  double largest_norm, smallest_self, total_rows;

  // The rank kept by an eigenvalue cut-off: eigenvalues above it.
  int rank_above(double cut) const {
    return static_cast<int>(std::count_if(values.begin(), values.end(), [cut](double value) { return value > cut; }));
  }
  // First candidate: eigenvalues above 1e-12 λ_max.
  double first_cut() const { return 1e-12 * values.back(); }
};

LeadingSubspace leading_subspace(SubspaceStatistics& statistics, MPI_Comm comm) {
  LeadingSubspace subspace;
  subspace.vectors = std::move(statistics.gram());
  MPI_Allreduce(MPI_IN_PLACE, subspace.vectors.data(), static_cast<int>(subspace.vectors.size()), MPI_DOUBLE, MPI_SUM,
                comm);
  subspace.largest_norm = global_max(statistics.largest_squared_norm(), comm);
  subspace.smallest_self = -global_max(-statistics.smallest_self_kernel(), comm);
  subspace.total_rows = statistics.rows();
  MPI_Allreduce(MPI_IN_PLACE, &subspace.total_rows, 1, MPI_DOUBLE, MPI_SUM, comm);
  subspace.values = eigen_decomposition(subspace.vectors, statistics.n_features(), comm);
  return subspace;
}

}  // namespace

bool projection_pays_off(double total_rows, int n_features, int rank) {
  return total_rows * (n_features - rank) > 8.0 * n_features * rank;
}

SubspaceStatistics::SubspaceStatistics(int n_features, const PairwiseMetric& metric)
    : n_features_(n_features),
      metric_(metric),
      gram_(static_cast<std::size_t>(n_features) * static_cast<std::size_t>(n_features), 0.0),
      smallest_self_kernel_(DBL_MAX) {
  HYKAL_ASSERT(metric.type == MetricType::polynomial, "the exact projection needs the polynomial kernel");
}

void SubspaceStatistics::add_frame(const FeatureRows& rows) {
  HYKAL_ASSERT(rows.cols() == n_features_ && rows.rows() > 0, "a frame's rows do not fit the projection's statistics");
  // Row-major rows of length p are, for BLAS, a column-major p × n matrix.
  const int n = static_cast<int>(rows.rows()), p = n_features_;
  const double one = 1.0;
  dsyrk_("U", "N", &p, &n, &one, rows.data(), &p, &one, gram_.data(), &p);
  largest_squared_norm_ = std::max(largest_squared_norm_, rows.rowwise().squaredNorm().maxCoeff());
  // The unnormalised self kernel K_AA = mean_{i,j∈A} (γ x_i·x_j + c0)^d.
  tile_.resize(static_cast<std::size_t>(n) * n);
  evaluate_tile(metric_, rows.data(), n, rows.data(), n, p, tile_.data());
  double sum = 0.0;
  for (double value : tile_) sum += value;
  smallest_self_kernel_ = std::min(smallest_self_kernel_, sum / (static_cast<double>(n) * n));
  rows_ += n;
}

LocalFeatures project_onto_leading_subspace(SubspaceStatistics statistics, const PerAtomRows& rows,
                                            const std::vector<std::int64_t>& frame_offsets, std::int64_t first_frame,
                                            MPI_Comm comm, ProjectionSummary& summary, const ProjectionPolicy& policy) {
  const int p = statistics.n_features();
  const PairwiseMetric& metric = statistics.metric();
  summary = {p, p, 0.0, p};
  const auto unprojected = [&] { return projected_pass(rows, frame_offsets, first_frame, {}, p, p).projected; };
  if (p == 0) return unprojected();
  const LeadingSubspace subspace = leading_subspace(statistics, comm);
  const std::vector<double>& values = subspace.values;
  const std::vector<double>& vectors = subspace.vectors;
  const double largest_norm = subspace.largest_norm, smallest_self = subspace.smallest_self;
  if (!(smallest_self > 0.0) || !(values.back() > 0.0)) return unprojected();

  const double g = metric.gamma, c0 = metric.coef0;
  const auto bound = [&](double residual) {
    return 3.0 * metric.degree * g * residual * std::pow(g * largest_norm + c0 + g * residual, metric.degree - 1) /
           smallest_self;
  };
  // After the first candidate, the measured residual ρ scales with the largest dropped
  // eigenvalue (ρ ≈ κ λ_{r+1}), and the bound with ρ, so each further candidate aims at half the
  // tolerance through the κ just measured (a tenth as far after a miss).
  double cut = subspace.first_cut();
  double aim = 0.5;
  const int first_rank = std::max(1, subspace.rank_above(cut));  // the final rank is rarely smaller
  summary.first_candidate = first_rank;
  if (policy.only_if_cheaper && !projection_pays_off(subspace.total_rows, p, first_rank)) return unprojected();
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int r = std::max(1, subspace.rank_above(cut));
    if (r >= p) break;
    ProjectedPass pass = projected_pass(rows, frame_offsets, first_frame, vectors, p, r);
    const double residual = global_max(pass.largest_squared_residual, comm);
    const double error = bound(residual);
    if (error <= policy.tolerance) {
      summary = {p, r, error, first_rank};
      return std::move(pass.projected);
    }
    const double largest_dropped = values[static_cast<std::size_t>(p - r - 1)];
    const double kappa = residual / std::max(largest_dropped, DBL_MIN);
    cut = std::min(cut, aim * policy.tolerance / error * residual / kappa);
    aim *= 0.1;
  }
  return unprojected();
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
