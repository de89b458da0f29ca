#include "hykal/parallel/scalapack_eigensolver.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

// ScaLAPACK pdsyevr (Fortran; the trailing arguments are the hidden lengths of the three
// one-character strings, as gfortran passes them).
extern "C" void pdsyevr_(const char* jobz, const char* range, const char* uplo, const int* n, double* a,
                         const int* ia, const int* ja, const int* desca, const double* vl, const double* vu,
                         const int* il, const int* iu, int* m, int* nz, double* w, double* z, const int* iz,
                         const int* jz, const int* descz, double* work, const int* lwork, int* iwork,
                         const int* liwork, int* info, std::size_t jobz_len, std::size_t range_len,
                         std::size_t uplo_len);

namespace hykal::parallel {

namespace {

// How many eigenpairs to ask pdsyevr for. ScaLAPACK 2.2's pdsyevr sizes the workspace it hands
// to PDORMTR (the back-transformation) from the number m of wanted vectors; for m below the block
// size that is too small, PDORMTR refuses ("parameter number 16 had an illegal value") and the
// vectors silently stay those of the tridiagonal matrix. With m ≥ min(nb, N) the size suffices
// (max(18N, NP·MQ + 2nb²) ≥ (NP + MQ)·nb + nb² ⇔ (NP − nb)(MQ − nb) ≥ 0), so k is raised to that
// and the extra pairs are dropped.
int pairs_to_compute(int n, int k, int block) { return std::max(k, std::min(block, n)); }

}  // namespace

EigenPairs ScalapackEigensolver::solve(DistributedMatrix a, int k, SpectrumEnd end) const {
  check_eigenproblem(a, k);
  const int n = a.rows();
  const int m = pairs_to_compute(n, k, a.row_block());
  // RANGE = 'I': eigenvalues il..iu (1-based, ascending order) and their vectors only.
  const int il = end == SpectrumEnd::smallest ? 1 : n - m + 1;
  const int iu = end == SpectrumEnd::smallest ? m : n;
  const double unused_bound = 0.0;
  const int one = 1;
  int found_values = 0;
  int found_vectors = 0;
  int info = 0;
  // pdsyevr wants Z of the full N × N shape with the blocking of A; its first m columns receive the vectors.
  DistributedMatrix z(a.grid(), n, n, a.row_block(), a.col_block());
  std::vector<double> w(static_cast<std::size_t>(n));

  auto call = [&](double* work, int lwork, int* iwork, int liwork) {
    pdsyevr_("V", "I", "L", &n, a.data(), &one, &one, a.descriptor().data(), &unused_bound, &unused_bound, &il, &iu,
             &found_values, &found_vectors, w.data(), z.data(), &one, &one, z.descriptor().data(), work, &lwork,
             iwork, &liwork, &info, 1, 1, 1);
  };
  // Workspace query first (LWORK = LIWORK = −1), then the solve.
  double work_size = 0.0;
  int iwork_size = 0;
  call(&work_size, -1, &iwork_size, -1);
  if (info != 0) HYKAL_THROW("pdsyevr workspace query: info = " + std::to_string(info));
  std::vector<double> work(static_cast<std::size_t>(work_size) + 1);
  std::vector<int> iwork(static_cast<std::size_t>(iwork_size) + 1);
  call(work.data(), static_cast<int>(work.size()), iwork.data(), static_cast<int>(iwork.size()));
  if (info != 0) HYKAL_THROW("pdsyevr: info = " + std::to_string(info));
  if (found_values != m || found_vectors != m) {
    HYKAL_THROW("pdsyevr returned " + std::to_string(found_values) + " eigenvalues and " +
                std::to_string(found_vectors) + " eigenvectors, asked for " + std::to_string(m));
  }
  if (end == SpectrumEnd::smallest) {
    return EigenPairs{std::vector<double>(w.begin(), w.begin() + k), z.leading_columns(k)};
  }
  // The k largest are the last k of the m computed.
  std::vector<int> last(static_cast<std::size_t>(k));
  for (int c = 0; c < k; ++c) last[static_cast<std::size_t>(c)] = m - k + c;
  return EigenPairs{std::vector<double>(w.begin() + (m - k), w.begin() + m), z.select_columns(last)};
}

}  // namespace hykal::parallel
