#include "hykal/parallel/blacs_grid.hpp"

#include "hykal/error.hpp"

#include <string>

// The C interface of the BLACS in Debian's libscalapack-openmpi; no header ships with it.
extern "C" {
int Csys2blacs_handle(MPI_Comm comm);
void Cfree_blacs_system_handle(int handle);
void Cblacs_gridinit(int* context, const char* order, int nprow, int npcol);
void Cblacs_gridinfo(int context, int* nprow, int* npcol, int* myrow, int* mycol);
void Cblacs_gridexit(int context);
}

namespace hykal::parallel {
namespace {

void check_mpi(int code, const char* call) {
  if (code != MPI_SUCCESS) HYKAL_THROW(std::string("MPI: ") + call + " failed");
}

int comm_size(MPI_Comm comm) {
  int size = 0;
  check_mpi(MPI_Comm_size(comm, &size), "MPI_Comm_size");
  return size;
}

bool mpi_finalized() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  return finalized != 0;
}

}  // namespace

GridShape near_square_shape(int nranks) {
  HYKAL_ASSERT(nranks > 0, "number of ranks " + std::to_string(nranks));
  GridShape shape{1, nranks};
  for (int rows = 1; rows * rows <= nranks; ++rows) {
    if (nranks % rows == 0) shape = GridShape{rows, nranks / rows};
  }
  return shape;
}

BlacsGrid::BlacsGrid(MPI_Comm comm) : BlacsGrid(comm, near_square_shape(comm_size(comm))) {}

BlacsGrid::BlacsGrid(MPI_Comm comm, GridShape shape) {
  const int size = comm_size(comm);
  if (shape.rows < 1 || shape.cols < 1 || shape.rows * shape.cols != size) {
    throw SettingError("process grid", "a " + std::to_string(shape.rows) + " x " + std::to_string(shape.cols) +
                     " process grid does not match the " + std::to_string(size) + " MPI ranks");
  }
  check_mpi(MPI_Comm_dup(comm, &comm_), "MPI_Comm_dup");
  int rank = 0;
  check_mpi(MPI_Comm_rank(comm_, &rank), "MPI_Comm_rank");

  // Column-major grid: BLACS places rank r at (r mod nprow, r / nprow); ELPA derives its row and
  // column communicators from process_row/process_col with the same convention.
  system_handle_ = Csys2blacs_handle(comm_);
  context_ = system_handle_;
  Cblacs_gridinit(&context_, "C", shape.rows, shape.cols);
  Cblacs_gridinfo(context_, &nprow_, &npcol_, &myrow_, &mycol_);
  if (nprow_ != shape.rows || npcol_ != shape.cols || myrow_ != rank % shape.rows || mycol_ != rank / shape.rows) {
    HYKAL_THROW("BLACS grid mismatch on rank " + std::to_string(rank) + ": asked " + std::to_string(shape.rows) +
                " x " + std::to_string(shape.cols) + " with this rank at (" + std::to_string(rank % shape.rows) +
                ", " + std::to_string(rank / shape.rows) + "), BLACS gave " + std::to_string(nprow_) + " x " +
                std::to_string(npcol_) + " at (" + std::to_string(myrow_) + ", " + std::to_string(mycol_) + ")");
  }
  check_mpi(MPI_Comm_split(comm_, myrow_, mycol_, &row_comm_), "MPI_Comm_split(row)");
  check_mpi(MPI_Comm_split(comm_, mycol_, myrow_, &col_comm_), "MPI_Comm_split(col)");
}

BlacsGrid::~BlacsGrid() {
  // After MPI_Finalize neither BLACS nor MPI may be called; the OS reclaims everything then.
  if (mpi_finalized()) return;
  if (context_ >= 0 && nprow_ > 0) Cblacs_gridexit(context_);
  if (system_handle_ >= 0) Cfree_blacs_system_handle(system_handle_);
  if (row_comm_ != MPI_COMM_NULL) MPI_Comm_free(&row_comm_);
  if (col_comm_ != MPI_COMM_NULL) MPI_Comm_free(&col_comm_);
  if (comm_ != MPI_COMM_NULL) MPI_Comm_free(&comm_);
}

}  // namespace hykal::parallel
