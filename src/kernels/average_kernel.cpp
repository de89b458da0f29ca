#include "hykal/kernels/average_kernel.hpp"

#include "hykal/error.hpp"
#include "hykal/kernels/frame_layout.hpp"
#include "hykal/kernels/kernel_redistribution.hpp"
#include "hykal/util/huge_page_buffer.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

namespace hykal::kernels {

namespace {

// Consecutive frames [first, end) (indices within a rank's block) whose rows form one DGEMM operand.
struct FrameGroup {
  std::int64_t first;
  std::int64_t end;
  std::int64_t row_offset;  // first row of the group within the rank's rows
  std::int64_t rows;
};

// Groups of the frames [first, end) of rank's block, row offsets relative to the block.
std::vector<FrameGroup> group_frames(const FrameLayout& layout, int rank, std::int64_t first, std::int64_t end,
                                     int tile_rows) {
  std::vector<FrameGroup> groups;
  const std::int64_t base = layout.row_start(layout.first_frame(rank));
  std::int64_t f = first;
  while (f < end) {
    FrameGroup group{f, f + 1, layout.row_start(f) - base, layout.row_start(f + 1) - layout.row_start(f)};
    while (group.end < end &&
           layout.row_start(group.end + 1) - layout.row_start(group.first) <= tile_rows) {
      ++group.end;
    }
    group.rows = layout.row_start(group.end) - layout.row_start(group.first);
    groups.push_back(group);
    f = group.end;
  }
  return groups;
}

std::int64_t max_rows(const std::vector<FrameGroup>& groups) {
  std::int64_t m = 0;
  for (const auto& g : groups) m = std::max(m, g.rows);
  return m;
}

// First non-finite value among this rank's rows → InputError naming the frame, on every rank.
void check_finite_features(const LocalFeatures& features, MPI_Comm comm) {
  std::int64_t first_bad = INT64_MAX;
  for (std::int64_t f = 0; f < features.n_frames() && first_bad == INT64_MAX; ++f) {
    const auto block = features.rows.middleRows(features.frame_offsets[static_cast<std::size_t>(f)], features.rows_of(f));
    if (!block.allFinite()) first_bad = features.first_frame + f;
  }
  std::int64_t global_first = INT64_MAX;
  MPI_Allreduce(&first_bad, &global_first, 1, MPI_INT64_T, MPI_MIN, comm);
  if (global_first != INT64_MAX) {
    throw InputError("frame " + std::to_string(global_first) +
                     ": descriptor contains NaN or Inf; the kernel of METHOD.md §2 is undefined");
  }
}

// Σ of an nx × ny block (leading dimension ld) in an order fixed at every SIMD level: 32 running
// lanes over the columns (a single running sum was bound by the FP-add latency, ~10 % of the
// Coulomb kernel's time), reduced pairwise, plus the ny mod 32 trailing columns in order.
double block_sum(const double* block, std::int64_t nx, std::int64_t ny, std::int64_t ld) {
  constexpr int lanes = 32;
  double lane[lanes] = {};
  double trailing = 0.0;
  const std::int64_t full = ny / lanes * lanes;
  for (std::int64_t i = 0; i < nx; ++i) {
    const double* row = block + i * ld;
    for (std::int64_t j = 0; j < full; j += lanes)
      for (int l = 0; l < lanes; ++l) lane[l] += row[j + l];
    for (std::int64_t j = full; j < ny; ++j) trailing += row[j];
  }
  for (int width = lanes / 2; width > 0; width /= 2)
    for (int l = 0; l < width; ++l) lane[l] += lane[l + width];
  return lane[0] + trailing;
}

// Adds the frame means of one block pair (own frames × the panel's frames) to frame_rows.
class BlockPairKernel {
 public:
  BlockPairKernel(const FrameLayout& layout, const PairwiseMetric& metric, int n_features, int rank, int tile_rows)
      : layout_(layout), metric_(metric), n_features_(n_features), rank_(rank), tile_rows_(tile_rows) {}

  // `transfers` (2 requests): the panel messages in flight, tested after every tile so that
  // MPI progresses them while this rank computes (Open MPI has no progress thread by default).
  void operator()(const double* own_rows, const double* panel_rows, int panel_rank, std::vector<double>& frame_rows,
                  MPI_Request* transfers, const std::function<void()>& tile_done) {
    const Plan plan = plan_for(panel_rank);
    tile_.resize(static_cast<std::size_t>(max_rows(plan.own) * max_rows(plan.panel)));
    const bool diagonal = panel_rank == rank_;
    for (const auto& a : plan.own) {
      for (const auto& b : plan.panel) {
        if (diagonal && b.first >= a.end) continue;  // strictly above the diagonal: the transpose
        evaluate_tile(metric_, own_rows + a.row_offset * n_features_, static_cast<int>(a.rows),
                      panel_rows + b.row_offset * n_features_, static_cast<int>(b.rows), n_features_, tile_.data());
        reduce_to_means(a, b, frame_rows);
        int done = 0;
        MPI_Testall(2, transfers, &done, MPI_STATUSES_IGNORE);
        tile_done();
      }
    }
  }

  // Tiles this rank computes against the panel of panel_rank (for progress reports).
  long long tile_count(int panel_rank) const {
    const Plan plan = plan_for(panel_rank);
    long long count = 0;
    for (const auto& a : plan.own)
      for (const auto& b : plan.panel) count += !(panel_rank == rank_ && b.first >= a.end);
    return count;
  }

 private:
  // The own and panel frames this rank pairs (frame_layout.hpp: the shared pair is split).
  struct Plan {
    std::vector<FrameGroup> own, panel;
  };
  Plan plan_for(int panel_rank) const {
    std::int64_t own_first = layout_.first_frame(rank_), panel_end = layout_.end_frame(panel_rank);
    if (panel_rank != rank_ && layout_.shares(rank_, panel_rank)) {
      if (2 * rank_ < layout_.n_ranks()) panel_end = layout_.split_frame(panel_rank);
      else own_first = layout_.split_frame(rank_);
    }
    return {group_frames(layout_, rank_, own_first, layout_.end_frame(rank_), tile_rows_),
            group_frames(layout_, panel_rank, layout_.first_frame(panel_rank), panel_end, tile_rows_)};
  }

  void reduce_to_means(const FrameGroup& a, const FrameGroup& b, std::vector<double>& frame_rows) const {
    const auto n = static_cast<std::size_t>(layout_.n_frames());
    const std::int64_t ld = b.rows;
    for (std::int64_t x = a.first; x < a.end; ++x) {
      const std::int64_t row0 = layout_.row_start(x) - layout_.row_start(a.first);
      const std::int64_t nx = layout_.row_start(x + 1) - layout_.row_start(x);
      double* out = frame_rows.data() + static_cast<std::size_t>(x - layout_.first_frame(rank_)) * n;
      for (std::int64_t y = b.first; y < b.end; ++y) {
        const std::int64_t col0 = layout_.row_start(y) - layout_.row_start(b.first);
        const std::int64_t ny = layout_.row_start(y + 1) - layout_.row_start(y);
        out[y] = block_sum(tile_.data() + row0 * ld + col0, nx, ny, ld) / static_cast<double>(nx * ny);
      }
    }
  }

  const FrameLayout& layout_;
  PairwiseMetric metric_;
  int n_features_;
  int rank_;
  int tile_rows_;
  std::vector<double> tile_;
};

int checked_int(std::int64_t value, const char* what) {
  HYKAL_ASSERT(value <= INT_MAX, std::string(what) + " exceeds the MPI count range");
  return static_cast<int>(value);
}

}  // namespace

parallel::DistributedMatrix average_kernel(const LocalFeatures& features, const PairwiseMetric& metric,
                                           const parallel::BlacsGrid& grid, const AverageKernelOptions& options) {
  MPI_Comm comm = grid.comm();
  check_finite_features(features, comm);
  const int n_features = global_feature_count(features, comm);
  const FrameLayout layout(features, comm);
  const int rank = grid.rank();
  const int size = layout.n_ranks();
  int comm_rank = 0;
  MPI_Comm_rank(comm, &comm_rank);
  HYKAL_ASSERT(comm_rank == rank, "grid rank and communicator rank differ");
  const auto n_frames = layout.n_frames();
  HYKAL_ASSERT(n_frames <= INT_MAX, "too many frames for a ScaLAPACK matrix");

  std::vector<double> frame_rows(static_cast<std::size_t>(features.n_frames()) * static_cast<std::size_t>(n_frames), 0.0);
  BlockPairKernel block_pair(layout, metric, n_features, rank, std::max(1, options.tile_rows));

  MPI_Datatype feature_row;
  MPI_Type_contiguous(std::max(1, n_features), MPI_DOUBLE, &feature_row);
  MPI_Type_commit(&feature_row);

  std::int64_t panel_capacity = 0;
  for (int r = 0; r < size; ++r) panel_capacity = std::max(panel_capacity, layout.rows_of_rank(r));
  const auto steps = layout.ring_steps();
  const std::size_t buffer_size = steps > 1 ? static_cast<std::size_t>(panel_capacity * n_features) : 0;
  // Step 0 uses the own rows; with two steps (P = 2, 3) one receive buffer is enough.
  util::HugePageBuffer current(steps > 2 ? buffer_size : 0);
  util::HugePageBuffer next(buffer_size);

  // Ring: at step s this rank holds the rows of rank (rank + s) mod P and passes them on to
  // rank − 1 while receiving those of rank + s + 1 from rank + 1 (METHOD.md §2 cost: the GEMMs).
  long long total_tiles = 0, done_tiles = 0;
  for (int step = 0; step < steps; ++step)
    if (layout.computes(rank, (rank + step) % size)) total_tiles += block_pair.tile_count((rank + step) % size);
  const std::function<void()> tile_done = [&] {
    if (options.progress) options.progress(++done_tiles, total_tiles);
  };

  const double* panel = features.rows.data();
  int panel_rank = rank;
  for (int step = 0; step < steps; ++step) {
    MPI_Request requests[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    if (step + 1 < steps) {
      const int incoming = (rank + step + 1) % size;
      MPI_Irecv(next.data(), checked_int(layout.rows_of_rank(incoming), "panel rows"), feature_row,
                (rank + 1) % size, step, comm, &requests[0]);
      MPI_Isend(panel, checked_int(layout.rows_of_rank(panel_rank), "panel rows"), feature_row,
                (rank - 1 + size) % size, step, comm, &requests[1]);
    }
    if (layout.computes(rank, panel_rank)) block_pair(features.rows.data(), panel, panel_rank, frame_rows, requests, tile_done);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    if (step + 1 < steps) {
      std::swap(current, next);
      panel = current.data();
      panel_rank = (rank + step + 1) % size;
    }
  }
  MPI_Type_free(&feature_row);

  parallel::DistributedMatrix kernel(grid, static_cast<int>(n_frames), static_cast<int>(n_frames), options.block_size);
  redistribute_frame_rows(frame_rows, layout, kernel);
  return kernel;
}

double polynomial_kernel_flops(double total_rows, double n_features) {
  return n_features * total_rows * total_rows;  // 2 p R² / 2: the symmetric half of the Gram matrix
}

}  // namespace hykal::kernels
