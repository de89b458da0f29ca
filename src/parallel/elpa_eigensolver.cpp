#include "hykal/parallel/elpa_eigensolver.hpp"

#include "hykal/error.hpp"

#include <elpa/elpa.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace hykal::parallel {
namespace {

// The API version whose interface this file is written against (ELPA 2022.11).
constexpr int elpa_api_version = 20221109;

// One ELPA library initialisation and handle for the duration of a solve. Errors are reported
// by code: elpa.h declares elpa_strerr without C linkage for C++, so it cannot be linked.
class ElpaHandle {
 public:
  ElpaHandle() {
    if (elpa_init(elpa_api_version) != ELPA_OK) HYKAL_THROW("ELPA: elpa_init(20221109) refused the API version");
    int error = ELPA_OK;
    handle_ = elpa_allocate(&error);
    if (error != ELPA_OK) HYKAL_THROW("ELPA: elpa_allocate failed (ELPA error code " + std::to_string(error) + ")");
  }
  ~ElpaHandle() {
    int error = ELPA_OK;
    elpa_deallocate(handle_, &error);
    elpa_uninit(&error);
  }
  ElpaHandle(const ElpaHandle&) = delete;
  ElpaHandle& operator=(const ElpaHandle&) = delete;

  void set(const char* name, int value) {
    int error = ELPA_OK;
    elpa_set_integer(handle_, name, value, &error);
    if (error != ELPA_OK) {
      HYKAL_THROW(std::string("ELPA: setting ") + name + " = " + std::to_string(value) + " (ELPA error code " +
                  std::to_string(error) + ")");
    }
  }
  elpa_t get() const { return handle_; }

 private:
  elpa_t handle_ = nullptr;
};

// ELPA fails (error −13, "processor column with zero width") when a process row or column holds
// no block of the matrix, which happens when ⌈N/nb⌉ < max(nprow, npcol). Such a matrix is solved
// with the largest block size that gives every process at least one block.
int elpa_block_size(const DistributedMatrix& a) {
  const int longest_grid_side = std::max(a.grid().nprow(), a.grid().npcol());
  const int block = std::min(a.row_block(), a.rows() / longest_grid_side);
  HYKAL_ASSERT(block >= 1, "ELPA needs N >= max(nprow, npcol): N = " + std::to_string(a.rows()) + " on a " +
                               std::to_string(a.grid().nprow()) + " x " + std::to_string(a.grid().npcol()) + " grid");
  return block;
}

// The k smallest eigenpairs of a (destroyed), in a's layout.
EigenPairs smallest_eigenpairs(DistributedMatrix& a, int k) {
  const BlacsGrid& grid = a.grid();
  ElpaHandle elpa;
  // ELPA splits mpi_comm_parent into row and column communicators from process_row/process_col;
  // these are the BLACS coordinates of a column-major grid on grid.comm() (BlacsGrid checks it).
  elpa.set("na", a.rows());
  elpa.set("nev", k);
  elpa.set("local_nrows", a.local_rows());
  elpa.set("local_ncols", a.local_cols());
  elpa.set("nblk", a.row_block());
  elpa.set("mpi_comm_parent", static_cast<int>(MPI_Comm_c2f(grid.comm())));
  elpa.set("process_row", grid.myrow());
  elpa.set("process_col", grid.mycol());
  if (elpa_setup(elpa.get()) != ELPA_OK) HYKAL_THROW("ELPA: elpa_setup failed");
  // The 2-stage solver's band reduction needs a bandwidth (= nblk) of at least 2.
  elpa.set("solver", a.row_block() >= 2 ? ELPA_SOLVER_2STAGE : ELPA_SOLVER_1STAGE);

  // ELPA wants the eigenvector matrix with the layout of a, and room for all N eigenvalues.
  DistributedMatrix q(grid, a.rows(), a.cols(), a.row_block(), a.col_block());
  std::vector<double> all_values(static_cast<std::size_t>(a.rows()));
  int error = ELPA_OK;
  elpa_eigenvectors(elpa.get(), a.data(), all_values.data(), q.data(), &error);
  if (error != ELPA_OK) HYKAL_THROW("ELPA: elpa_eigenvectors failed (ELPA error code " + std::to_string(error) + ")");
  return EigenPairs{std::vector<double>(all_values.begin(), all_values.begin() + k), q.leading_columns(k)};
}

// The same on a copy of a with ELPA's block size; the vectors come back in a's layout.
EigenPairs smallest_eigenpairs_reblocked(DistributedMatrix& a, int k) {
  const int block = a.row_block();
  DistributedMatrix reblocked = a.redistributed(elpa_block_size(a));
  a = DistributedMatrix(a.grid(), 0, 0, block);  // free the original during the solve
  EigenPairs pairs = smallest_eigenpairs(reblocked, k);
  pairs.vectors = pairs.vectors.redistributed(block);
  return pairs;
}

}  // namespace

EigenPairs ElpaEigensolver::solve(DistributedMatrix a, int k, SpectrumEnd end) const {
  check_eigenproblem(a, k);
  if (end == SpectrumEnd::largest) a.scale(-1.0);
  EigenPairs pairs =
      elpa_block_size(a) == a.row_block() ? smallest_eigenpairs(a, k) : smallest_eigenpairs_reblocked(a, k);
  if (end == SpectrumEnd::smallest) return pairs;
  // Eigenvalues μ of −A ascending are −λ descending; EigenPairs promises ascending: flip the sign
  // and reverse the order of values and vectors together.
  for (double& v : pairs.values) v = -v;
  std::reverse(pairs.values.begin(), pairs.values.end());
  std::vector<int> reversed(static_cast<std::size_t>(k));
  for (int c = 0; c < k; ++c) reversed[static_cast<std::size_t>(c)] = k - 1 - c;
  pairs.vectors = pairs.vectors.select_columns(reversed);
  return pairs;
}

}  // namespace hykal::parallel
