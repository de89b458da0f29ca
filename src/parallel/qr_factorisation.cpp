#include "hykal/parallel/qr_factorisation.hpp"

#include "hykal/error.hpp"

#include <mpi.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

// ScaLAPACK (Fortran; trailing arguments are the hidden lengths of the character arguments).
extern "C" {
void pdgeqrf_(const int* m, const int* n, double* a, const int* ia, const int* ja, const int* desca, double* tau,
              double* work, const int* lwork, int* info);
void pdormqr_(const char* side, const char* trans, const int* m, const int* n, const int* k, const double* a,
              const int* ia, const int* ja, const int* desca, const double* tau, double* c, const int* ic,
              const int* jc, const int* descc, double* work, const int* lwork, int* info, std::size_t side_len,
              std::size_t trans_len);
void pdtrtrs_(const char* uplo, const char* trans, const char* diag, const int* n, const int* nrhs, const double* a,
              const int* ia, const int* ja, const int* desca, double* b, const int* ib, const int* jb,
              const int* descb, int* info, std::size_t uplo_len, std::size_t trans_len, std::size_t diag_len);
}

namespace hykal::parallel {

QrFactorisation::QrFactorisation(DistributedMatrix a)
    : factors_(std::move(a)), tau_(static_cast<std::size_t>(std::max(1, factors_.local_cols()))) {
  const int m = factors_.rows();
  const int n = factors_.cols();
  HYKAL_ASSERT(m >= n, std::to_string(m) + " x " + std::to_string(n));
  const int one = 1;
  int info = 0;
  double work_size = 0.0;
  const int query = -1;
  pdgeqrf_(&m, &n, factors_.data(), &one, &one, factors_.descriptor().data(), tau_.data(), &work_size, &query, &info);
  if (info != 0) HYKAL_THROW("pdgeqrf workspace query: info = " + std::to_string(info));
  std::vector<double> work(static_cast<std::size_t>(work_size) + 1);
  const int lwork = static_cast<int>(work.size());
  pdgeqrf_(&m, &n, factors_.data(), &one, &one, factors_.descriptor().data(), tau_.data(), work.data(), &lwork, &info);
  if (info != 0) HYKAL_THROW("pdgeqrf: info = " + std::to_string(info));
}

Eigen::VectorXd QrFactorisation::r_diagonal_magnitudes() const {
  Eigen::VectorXd diagonal = Eigen::VectorXd::Zero(factors_.cols());
  for (int i = 0; i < factors_.cols(); ++i) {
    if (factors_.is_local(i, i)) diagonal[i] = std::abs(factors_.local(factors_.local_row(i), factors_.local_col(i)));
  }
  MPI_Allreduce(MPI_IN_PLACE, diagonal.data(), static_cast<int>(diagonal.size()), MPI_DOUBLE, MPI_SUM,
                factors_.grid().comm());
  return diagonal;
}

Eigen::VectorXd QrFactorisation::solve(DistributedMatrix& b) const {
  const int m = factors_.rows();
  const int n = factors_.cols();
  HYKAL_ASSERT(b.rows() == m && b.cols() == 1 && b.row_block() == factors_.row_block(), "right-hand side layout");
  const int one = 1;
  int info = 0;
  auto apply_qt = [&](double* work, int lwork) {
    pdormqr_("L", "T", &m, &one, &n, factors_.data(), &one, &one, factors_.descriptor().data(), tau_.data(), b.data(),
             &one, &one, b.descriptor().data(), work, &lwork, &info, 1, 1);
  };
  double work_size = 0.0;
  apply_qt(&work_size, -1);
  if (info != 0) HYKAL_THROW("pdormqr workspace query: info = " + std::to_string(info));
  std::vector<double> work(static_cast<std::size_t>(work_size) + 1);
  apply_qt(work.data(), static_cast<int>(work.size()));
  if (info != 0) HYKAL_THROW("pdormqr: info = " + std::to_string(info));

  pdtrtrs_("U", "N", "N", &n, &one, factors_.data(), &one, &one, factors_.descriptor().data(), b.data(), &one, &one,
           b.descriptor().data(), &info, 1, 1, 1);
  if (info != 0) HYKAL_THROW("pdtrtrs: info = " + std::to_string(info) + " (R is singular)");

  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  for (int il = 0; il < b.local_rows(); ++il) {
    const int i = b.global_row(il);
    if (i < n && b.local_cols() > 0) x[i] = b.local(il, 0);
  }
  MPI_Allreduce(MPI_IN_PLACE, x.data(), n, MPI_DOUBLE, MPI_SUM, b.grid().comm());
  return x;
}

}  // namespace hykal::parallel
