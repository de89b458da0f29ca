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

// Upper triangle of the p × p Gram matrix Σ_i x_i x_iᵀ over every rank's rows (row-major rows of
// length p are, for BLAS, a column-major p × rows matrix).
std::vector<double> global_gram(const LocalFeatures& features, int p, MPI_Comm comm) {
  std::vector<double> local(static_cast<std::size_t>(p) * p, 0.0), global(local.size());
  const int rows = static_cast<int>(features.rows.rows());
  if (rows > 0) {
    const double one = 1.0, zero = 0.0;
    dsyrk_("U", "N", &p, &rows, &one, features.rows.data(), &p, &zero, local.data(), &p);
  }
  MPI_Allreduce(local.data(), global.data(), static_cast<int>(local.size()), MPI_DOUBLE, MPI_SUM, comm);
  return global;
}

// Smallest unnormalised self-kernel K_AA = mean_{i,j∈A} (γ x_i·x_j + c0)^d over all frames.
double smallest_self_kernel(const LocalFeatures& features, const PairwiseMetric& metric, MPI_Comm comm) {
  double smallest = DBL_MAX;
  std::vector<double> gram;
  const int p = features.n_features();
  for (std::int64_t f = 0; f < features.n_frames(); ++f) {
    const int n = static_cast<int>(features.rows_of(f));
    gram.resize(static_cast<std::size_t>(n) * n);
    evaluate_tile(metric, features.rows.row(features.frame_offsets[static_cast<std::size_t>(f)]).data(), n,
                  features.rows.row(features.frame_offsets[static_cast<std::size_t>(f)]).data(), n, p, gram.data());
    double sum = 0.0;
    for (double value : gram) sum += value;
    smallest = std::min(smallest, sum / (static_cast<double>(n) * n));
  }
  double global = DBL_MAX;
  MPI_Allreduce(&smallest, &global, 1, MPI_DOUBLE, MPI_MIN, comm);
  return global;
}

double largest_squared_norm(const LocalFeatures& features, MPI_Comm comm) {
  double largest = features.rows.rows() > 0 ? features.rows.rowwise().squaredNorm().maxCoeff() : 0.0;
  double global = 0.0;
  MPI_Allreduce(&largest, &global, 1, MPI_DOUBLE, MPI_MAX, comm);
  return global;
}

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

// Rows projected onto the r leading eigenvectors (the last r columns of `vectors`, p × p
// column-major): in column-major terms Yᵀ (r × rows) = V_rᵀ (r × p) Xᵀ (p × rows).
LocalFeatures projected_rows(const LocalFeatures& features, const std::vector<double>& vectors, int p, int r) {
  LocalFeatures projected;
  projected.first_frame = features.first_frame;
  projected.frame_offsets = features.frame_offsets;
  projected.rows.resize(features.rows.rows(), r);
  const int rows = static_cast<int>(features.rows.rows());
  if (rows > 0) {
    const double one = 1.0, zero = 0.0;
    dgemm_("T", "N", &r, &rows, &p, &one, vectors.data() + static_cast<std::size_t>(p - r) * p, &p,
           features.rows.data(), &p, &zero, projected.rows.data(), &r);
  }
  return projected;
}

// max_i ‖x_i − V_r y_i‖² over every rank's rows, the residual formed explicitly (in chunks of
// rows) rather than as ‖x‖² − ‖y‖², which would cancel catastrophically.
double largest_squared_residual(const LocalFeatures& features, const LocalFeatures& projected,
                                const std::vector<double>& vectors, int p, int r, MPI_Comm comm) {
  constexpr Eigen::Index chunk = 256;
  double largest = 0.0;
  FeatureRows residual;
  for (Eigen::Index first = 0; first < features.rows.rows(); first += chunk) {
    const Eigen::Index count = std::min(chunk, features.rows.rows() - first);
    residual = features.rows.middleRows(first, count);
    const int c = static_cast<int>(count);
    const double minus_one = -1.0, one = 1.0;
    dgemm_("N", "N", &p, &c, &r, &minus_one, vectors.data() + static_cast<std::size_t>(p - r) * p, &p,
           projected.rows.row(first).data(), &r, &one, residual.data(), &p);
    largest = std::max(largest, residual.rowwise().squaredNorm().maxCoeff());
  }
  double global = 0.0;
  MPI_Allreduce(&largest, &global, 1, MPI_DOUBLE, MPI_MAX, comm);
  return global;
}

}  // namespace

LocalFeatures project_onto_leading_subspace(const LocalFeatures& features, const PairwiseMetric& metric, MPI_Comm comm,
                                            ProjectionSummary& summary, const ProjectionPolicy& policy) {
  HYKAL_ASSERT(metric.type == MetricType::polynomial, "the exact projection needs the polynomial kernel");
  const int p = global_feature_count(features, comm);
  summary = {p, p, 0.0};
  if (p == 0) return features;
  std::vector<double> vectors = global_gram(features, p, comm);
  const double largest_norm = largest_squared_norm(features, comm);
  const double smallest_self = smallest_self_kernel(features, metric, comm);
  const std::vector<double> values = eigen_decomposition(vectors, p, comm);
  if (!(smallest_self > 0.0) || !(values.back() > 0.0)) return features;

  const double g = metric.gamma, c0 = metric.coef0;
  const auto bound = [&](double residual) {
    return 3.0 * metric.degree * g * residual * std::pow(g * largest_norm + c0 + g * residual, metric.degree - 1) /
           smallest_self;
  };
  // The rank kept by an eigenvalue cut-off: eigenvalues above it.
  const auto rank_above = [&](double cut) {
    return static_cast<int>(std::count_if(values.begin(), values.end(), [cut](double value) { return value > cut; }));
  };
  // First candidate: eigenvalues above 1e-12 λ_max. The measured residual ρ scales with the
  // largest dropped eigenvalue (ρ ≈ κ λ_{r+1}), and the bound with ρ, so each further candidate
  // aims at half the tolerance through the κ just measured (a tenth as far after a miss).
  double cut = 1e-12 * values.back();
  double aim = 0.5;
  double total_rows = static_cast<double>(features.rows.rows());
  MPI_Allreduce(MPI_IN_PLACE, &total_rows, 1, MPI_DOUBLE, MPI_SUM, comm);
  const int first_rank = std::max(1, rank_above(cut));  // the final rank is rarely smaller
  if (policy.only_if_cheaper && total_rows * (p - first_rank) <= 8.0 * p * first_rank) return features;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int r = std::max(1, rank_above(cut));
    if (r >= p) break;
    LocalFeatures projected = projected_rows(features, vectors, p, r);
    const double residual = largest_squared_residual(features, projected, vectors, p, r, comm);
    const double error = bound(residual);
    if (error <= policy.tolerance) {
      summary = {p, r, error};
      return projected;
    }
    const double largest_dropped = values[static_cast<std::size_t>(p - r - 1)];
    const double kappa = residual / std::max(largest_dropped, DBL_MIN);
    cut = std::min(cut, aim * policy.tolerance / error * residual / kappa);
    aim *= 0.1;
  }
  return features;
}

}  // namespace hykal::kernels
