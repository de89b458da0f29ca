#pragma once
// A BLACS process grid owned as an RAII object (model: SIRIUS la::BLACS_grid).
//
// The N×N kernel and distance matrices of METHOD.md §2 are too large for one rank, so they are
// stored block-cyclically over a 2-D process grid (ScaLAPACK layout). BlacsGrid builds that grid
// from an MPI communicator, checks that BLACS placed every rank where we expect it (column-major
// order: rank = myrow + mycol·nprow, the ordering ELPA assumes when it splits mpi_comm_parent into
// row and column communicators), and frees the context in its destructor unless MPI is already
// finalised. It also owns the row and column sub-communicators used for reductions.
#include <mpi.h>

namespace hykal::parallel {

struct GridShape {
  int rows = 1;
  int cols = 1;
};

// Near-square factorisation of nranks: rows ≤ cols, rows·cols = nranks, rows as large as possible
// (1 → 1×1, 2 → 1×2, 4 → 2×2, 6 → 2×3, 7 → 1×7).
GridShape near_square_shape(int nranks);

class BlacsGrid {
 public:
  // Collective over comm. The near-square shape of the size of comm.
  explicit BlacsGrid(MPI_Comm comm);
  // Collective over comm; shape.rows·shape.cols must equal the size of comm (SettingError
  // "process grid" otherwise).
  BlacsGrid(MPI_Comm comm, GridShape shape);
  ~BlacsGrid();

  BlacsGrid(const BlacsGrid&) = delete;
  BlacsGrid& operator=(const BlacsGrid&) = delete;
  BlacsGrid(BlacsGrid&&) = delete;
  BlacsGrid& operator=(BlacsGrid&&) = delete;

  int context() const { return context_; }
  int nprow() const { return nprow_; }
  int npcol() const { return npcol_; }
  int myrow() const { return myrow_; }
  int mycol() const { return mycol_; }
  // The communicator the grid was built on (a duplicate owned by the grid; rank = myrow + mycol·nprow).
  MPI_Comm comm() const { return comm_; }
  // Ranks sharing this process row (ordered by mycol) and this process column (ordered by myrow).
  MPI_Comm row_comm() const { return row_comm_; }
  MPI_Comm col_comm() const { return col_comm_; }
  int rank() const { return myrow_ + mycol_ * nprow_; }
  int size() const { return nprow_ * npcol_; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  MPI_Comm row_comm_ = MPI_COMM_NULL;
  MPI_Comm col_comm_ = MPI_COMM_NULL;
  int system_handle_ = -1;
  int context_ = -1;
  int nprow_ = 0;
  int npcol_ = 0;
  int myrow_ = -1;
  int mycol_ = -1;
};

}  // namespace hykal::parallel
