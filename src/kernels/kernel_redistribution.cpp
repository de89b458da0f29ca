#include "hykal/kernels/kernel_redistribution.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/block_cyclic.hpp"

#include <algorithm>
#include <cstdint>

namespace hykal::kernels {

namespace {

namespace bc = parallel::block_cyclic;

// The local part of the block-cyclic N × N matrix held by one process of the grid.
struct LocalPart {
  int n;
  int block;
  int prow, nprow, pcol, npcol;
  int rows() const { return bc::local_count(n, block, prow, nprow); }
  int cols() const { return bc::local_count(n, block, pcol, npcol); }
  int global_row(int il) const { return bc::global_index(il, block, prow, nprow); }
  int global_col(int jl) const { return bc::global_index(jl, block, pcol, npcol); }
  // Number of local rows whose global index is below g.
  int rows_below(std::int64_t g) const { return bc::local_count(static_cast<int>(g), block, prow, nprow); }
};

LocalPart local_part_of(const parallel::DistributedMatrix& kernel, int rank) {
  const auto& grid = kernel.grid();
  return LocalPart{kernel.rows(), kernel.row_block(), rank % grid.nprow(), grid.nprow(), rank / grid.nprow(), grid.npcol()};
}

// Calls f(il, jl, index) for every element of `part` that rank `source` provides, in
// column-major local order; index points into the source's frame rows (n_own × N, row-major).
template <class F>
void visit_from_source(const FrameLayout& layout, const LocalPart& part, int source, F&& f) {
  const auto n = static_cast<std::size_t>(layout.n_frames());
  const std::int64_t first = layout.first_frame(source);
  const std::int64_t end = layout.end_frame(source);
  const int own_lo = part.rows_below(first);
  const int own_hi = part.rows_below(end);
  const int rows = part.rows();
  const int cols = part.cols();
  for (int jl = 0; jl < cols; ++jl) {
    const std::int64_t y = part.global_col(jl);
    const bool y_is_source = layout.owner(y) == source;
    const int lo = y_is_source ? 0 : own_lo;
    const int hi = y_is_source ? rows : own_hi;
    for (int il = lo; il < hi; ++il) {
      const std::int64_t x = part.global_row(il);
      if (layout.computed_directly(x, y)) {
        if (layout.owner(x) == source) f(il, jl, static_cast<std::size_t>(x - first) * n + static_cast<std::size_t>(y));
      } else if (y_is_source) {
        f(il, jl, static_cast<std::size_t>(y - first) * n + static_cast<std::size_t>(x));
      }
    }
  }
}

// MPI counts are int: long messages go in pieces.
void exchange(const std::vector<double>& send, int destination, std::vector<double>& receive, int source, MPI_Comm comm) {
  std::int64_t send_count = static_cast<std::int64_t>(send.size());
  std::int64_t receive_count = 0;
  MPI_Sendrecv(&send_count, 1, MPI_INT64_T, destination, 0, &receive_count, 1, MPI_INT64_T, source, 0, comm,
               MPI_STATUS_IGNORE);
  receive.resize(static_cast<std::size_t>(receive_count));
  // Each message in pieces of at most 2^30 values; the piece counts of the two directions differ.
  constexpr std::int64_t piece = std::int64_t{1} << 30;
  std::vector<MPI_Request> requests;
  for (std::int64_t offset = 0; offset < receive_count; offset += piece) {
    requests.emplace_back();
    MPI_Irecv(receive.data() + offset, static_cast<int>(std::min(piece, receive_count - offset)), MPI_DOUBLE, source, 1,
              comm, &requests.back());
  }
  for (std::int64_t offset = 0; offset < send_count; offset += piece) {
    requests.emplace_back();
    MPI_Isend(send.data() + offset, static_cast<int>(std::min(piece, send_count - offset)), MPI_DOUBLE, destination, 1,
              comm, &requests.back());
  }
  MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE);
}

}  // namespace

void redistribute_frame_rows(const std::vector<double>& frame_rows, const FrameLayout& layout,
                             parallel::DistributedMatrix& kernel) {
  const auto& grid = kernel.grid();
  MPI_Comm comm = grid.comm();
  const int rank = grid.rank();
  const int size = grid.size();
  HYKAL_ASSERT(layout.n_ranks() == size, "frame layout and grid have different rank counts");
  const LocalPart mine = local_part_of(kernel, rank);

  // Round 0: this rank's own contribution, copied without a message.
  visit_from_source(layout, mine, rank,
                    [&](int il, int jl, std::size_t index) { kernel.local(il, jl) = frame_rows[index]; });
  std::vector<double> send;
  std::vector<double> receive;
  for (int round = 1; round < size; ++round) {
    const int destination = (rank + round) % size;
    const int source = (rank - round + size) % size;
    send.clear();
    visit_from_source(layout, local_part_of(kernel, destination), rank,
                      [&](int, int, std::size_t index) { send.push_back(frame_rows[index]); });
    exchange(send, destination, receive, source, comm);
    std::size_t cursor = 0;
    visit_from_source(layout, mine, source, [&](int il, int jl, std::size_t) { kernel.local(il, jl) = receive[cursor++]; });
    HYKAL_ASSERT(cursor == receive.size(), "kernel redistribution: message length mismatch");
  }
}

}  // namespace hykal::kernels
