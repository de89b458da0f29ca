#include "hykal/gap/sparse_selection.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/libatoms_random.hpp"

#include <Eigen/QR>
#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>
#include <string>
#include <tuple>

namespace hykal::gap {

namespace {

// Environment counts per channel over all ranks; InputError when a channel has fewer than n.
std::vector<long long> check_environment_counts(std::vector<long long> counts, const TermSettings& settings,
                                                const DescriptorTerm& descriptor, MPI_Comm comm) {
  MPI_Allreduce(MPI_IN_PLACE, counts.data(), static_cast<int>(counts.size()), MPI_LONG_LONG, MPI_SUM, comm);
  for (std::size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] < settings.n_sparse) {
      // n_sparse counts per channel, as gap_fit's add_species copies it into every sub-model.
      const std::string per = settings.descriptor == "two_body" ? "species pair" : "central species";
      throw InputError("gap." + settings.descriptor + "_n_sparse = " + std::to_string(settings.n_sparse) +
                       " is more than the " + std::to_string(counts[c]) + " training environments of " + per + " " +
                       descriptor.channel_name(static_cast<int>(c)) + " (the sparse points count per " + per + ")");
    }
  }
  return counts;
}

std::vector<Eigen::MatrixXd> uniform_points(const std::vector<io::Frame>& local_frames, const TermSettings& settings,
                                            const BuiltTerm& term, MPI_Comm comm) {
  const DescriptorTerm& descriptor = *term.descriptor;
  if (descriptor.dimension() != 1) throw InputError("gap." + settings.descriptor + ": uniform sparse points need a 1-D descriptor");
  const auto channels = static_cast<std::size_t>(descriptor.channel_count());
  std::vector<long long> counts(channels, 0);
  std::vector<double> lowest(channels, std::numeric_limits<double>::infinity());
  std::vector<double> highest(channels, -std::numeric_limits<double>::infinity());
  for (const io::Frame& frame : local_frames) {
    descriptor.for_each_environment(frame, false, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      ++counts[c];
      lowest[c] = std::min(lowest[c], environment.q[0]);
      highest[c] = std::max(highest[c], environment.q[0]);
    });
  }
  check_environment_counts(counts, settings, descriptor, comm);
  MPI_Allreduce(MPI_IN_PLACE, lowest.data(), static_cast<int>(channels), MPI_DOUBLE, MPI_MIN, comm);
  MPI_Allreduce(MPI_IN_PLACE, highest.data(), static_cast<int>(channels), MPI_DOUBLE, MPI_MAX, comm);
  std::vector<Eigen::MatrixXd> points(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    const double width = (highest[c] - lowest[c]) / settings.n_sparse;
    points[c].resize(settings.n_sparse, 1);
    for (int m = 0; m < settings.n_sparse; ++m) points[c](m, 0) = lowest[c] + (m + 0.5) * width;
  }
  return points;
}

// One sampled environment: key, global frame, position in the frame's visiting order, channel.
using Candidate = std::tuple<double, std::int64_t, std::int64_t, int>;

bool isolated(const io::Frame& frame) { return frame.n_atoms() == 1; }

// The upper-triangular factor R of a = QR (min(rows, columns) rows).
Eigen::MatrixXd upper_factor(const Eigen::MatrixXd& a) {
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
  return qr.matrixQR().topRows(std::min(a.rows(), a.cols())).triangularView<Eigen::Upper>();
}

// The R factor of a tall matrix fed one row at a time (Q is never formed), in blocks of rows.
class StreamingR {
 public:
  explicit StreamingR(int columns) : pending_(4 * columns, columns), r_(0, columns) {}
  void add(const Eigen::VectorXd& row) {
    pending_.row(pending_rows_++) = row.transpose();
    if (pending_rows_ == pending_.rows()) flush();
  }
  Eigen::MatrixXd finish() {
    flush();
    return r_;
  }

 private:
  void flush() {
    if (pending_rows_ == 0) return;
    Eigen::MatrixXd stacked(r_.rows() + pending_rows_, r_.cols());
    stacked << r_, pending_.topRows(pending_rows_);
    r_ = upper_factor(stacked);
    pending_rows_ = 0;
  }

  Eigen::MatrixXd pending_;
  Eigen::Index pending_rows_ = 0;
  Eigen::MatrixXd r_;
};

// Every rank's values, concatenated in rank order, on every rank.
std::vector<double> all_gathered(const std::vector<double>& mine, MPI_Comm comm) {
  int size = 0;
  MPI_Comm_size(comm, &size);
  const int count = static_cast<int>(mine.size());
  std::vector<int> lengths(static_cast<std::size_t>(size));
  MPI_Allgather(&count, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
  std::vector<int> offsets(static_cast<std::size_t>(size), 0);
  for (int r = 1; r < size; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::vector<double> all(static_cast<std::size_t>(offsets.back() + lengths.back()));
  MPI_Allgatherv(mine.data(), count, MPI_DOUBLE, all.data(), lengths.data(), offsets.data(), MPI_DOUBLE, comm);
  return all;
}

// The R factor of the rows of every rank (each rank's R, stacked in rank order, factorised again).
Eigen::MatrixXd combined_r(const Eigen::MatrixXd& local, MPI_Comm comm) {
  const Eigen::MatrixXd transposed = local.transpose();  // one R row per column
  const std::vector<double> all =
      all_gathered(std::vector<double>(transposed.data(), transposed.data() + transposed.size()), comm);
  const Eigen::Index rows = static_cast<Eigen::Index>(all.size()) / std::max<Eigen::Index>(1, local.cols());
  return upper_factor(Eigen::Map<const Eigen::MatrixXd>(all.data(), local.cols(), rows).transpose());
}

// gap_fit's leverage basis of a channel (cur_decomposition in GAP's clustering.F90): the leading
// k = ⌊rank/2⌋ right singular vectors of the pool's descriptor matrix X over their singular
// values (p × k, so that ‖xᵀ V_k S_k⁻¹‖² is the leverage of row x), the rank counting the
// singular values above gap_fit's 1e-13. From the SVD of X's R factor: a Gram matrix XᵀX would
// square the singular values and lose the small ones that gap_fit counts (on the AsTe3 SOAP
// vectors it gives rank 205 instead of 350, and other sparse points than gap_fit's).
Eigen::MatrixXd leverage_projection(const Eigen::MatrixXd& local_r, MPI_Comm comm) {
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(combined_r(local_r, comm), Eigen::ComputeThinV);
  const Eigen::VectorXd& values = svd.singularValues();  // descending
  const int rank = static_cast<int>((values.array() > 1e-13).count());
  const int k = std::max(1, rank / 2);
  return svd.matrixV().leftCols(k) * values.head(k).cwiseInverse().asDiagonal();
}

// Where each channel's pool draws start in gap_fit's stream of uniform numbers: its SOAP
// descriptors (one per central species, in species order) each draw one number per
// environment, the one-atom frames' (their own config types in the authors' command line) first
// and then the others in file order. A rank's first pool environment of channel c draws at
// first_pool_draw[c].
std::vector<std::int64_t> first_pool_draws(const std::vector<long long>& pool_counts,
                                           const std::vector<long long>& isolated_counts, MPI_Comm comm) {
  const auto channels = pool_counts.size();
  std::vector<long long> before(channels, 0);  // pool environments of this channel on lower ranks
  MPI_Exscan(pool_counts.data(), before.data(), static_cast<int>(channels), MPI_LONG_LONG, MPI_SUM, comm);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0) std::fill(before.begin(), before.end(), 0);  // MPI_Exscan leaves rank 0's undefined
  std::vector<long long> pool_totals = pool_counts;
  MPI_Allreduce(MPI_IN_PLACE, pool_totals.data(), static_cast<int>(channels), MPI_LONG_LONG, MPI_SUM, comm);
  std::vector<std::int64_t> first(channels);
  std::int64_t channel_start = 0;
  for (std::size_t c = 0; c < channels; ++c) {
    first[c] = channel_start + isolated_counts[c] + before[c];
    channel_start += isolated_counts[c] + pool_totals[c];
  }
  return first;
}

// The n best candidates of every rank to every rank, as 4 doubles each (frame and position are exact).
std::vector<std::vector<Candidate>> gather_candidates(std::vector<std::vector<Candidate>> best,
                                                      const std::vector<long long>& keep, MPI_Comm comm) {
  std::vector<double> packed;
  for (std::size_t c = 0; c < best.size(); ++c) {
    std::vector<Candidate>& list = best[c];
    const auto n = std::min(list.size(), static_cast<std::size_t>(keep[c]));
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n), list.end(), std::greater<>());
    for (std::size_t i = 0; i < n; ++i) {
      const auto& [key, frame, ordinal, channel] = list[i];
      packed.insert(packed.end(), {key, static_cast<double>(frame), static_cast<double>(ordinal), static_cast<double>(channel)});
    }
  }
  const std::vector<double> all = all_gathered(packed, comm);
  std::vector<std::vector<Candidate>> global(best.size());
  for (std::size_t i = 0; i < all.size(); i += 4) {
    global[static_cast<std::size_t>(all[i + 3])].emplace_back(all[i], static_cast<std::int64_t>(all[i + 1]),
                                                              static_cast<std::int64_t>(all[i + 2]), static_cast<int>(all[i + 3]));
  }
  return global;
}

std::vector<Eigen::MatrixXd> cur_points(const std::vector<io::Frame>& local_frames, std::int64_t first_frame,
                                        const TermSettings& settings, const BuiltTerm& term, std::int64_t seed,
                                        MPI_Comm comm) {
  const DescriptorTerm& descriptor = *term.descriptor;
  const Covariance& covariance = *term.covariance;
  const auto channels = static_cast<std::size_t>(descriptor.channel_count());
  const int p = descriptor.dimension();
  std::vector<long long> pool_counts(channels, 0);
  std::vector<long long> isolated_counts(channels, 0);
  std::vector<StreamingR> pool_r(channels, StreamingR(p));
  for (const io::Frame& frame : local_frames) {
    descriptor.for_each_environment(frame, false, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      if (isolated(frame)) {
        ++isolated_counts[c];
        return;
      }
      ++pool_counts[c];
      pool_r[c].add(covariance.prepared(environment.q));
    });
  }
  check_environment_counts(pool_counts, settings, descriptor, comm);
  MPI_Allreduce(MPI_IN_PLACE, isolated_counts.data(), static_cast<int>(channels), MPI_LONG_LONG, MPI_SUM, comm);
  const std::vector<std::int64_t> first_draw = first_pool_draws(pool_counts, isolated_counts, comm);
  std::vector<Eigen::MatrixXd> projections;
  for (StreamingR& r : pool_r) projections.push_back(leverage_projection(r.finish(), comm));

  // Keys of every local environment: one-atom frames' always win (the authors' gap_fit command
  // line gives each isolated atom's config type one sparse point); the pool's follow gap_fit's
  // selection, probability p = min(1, n π / k) from the leverage π over the k leading directions
  // and the n environments with the largest p − u kept.
  std::vector<std::vector<Candidate>> best(channels);
  std::vector<std::int64_t> next_draw = first_draw;
  for (std::size_t f = 0; f < local_frames.size(); ++f) {
    const std::int64_t frame = first_frame + static_cast<std::int64_t>(f);
    std::int64_t ordinal = 0;
    descriptor.for_each_environment(local_frames[f], false, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      double key = std::numeric_limits<double>::infinity();
      if (!isolated(local_frames[f])) {
        const auto k = static_cast<double>(projections[c].cols());
        const double leverage = (projections[c].transpose() * covariance.prepared(environment.q)).squaredNorm();
        const double probability = std::min(1.0, settings.n_sparse * leverage / k);
        key = probability - libatoms_uniform(seed, next_draw[c]++);
      }
      best[c].emplace_back(key, frame, ordinal++, environment.channel);
    });
  }
  std::vector<long long> keep(channels);
  for (std::size_t c = 0; c < channels; ++c) keep[c] = settings.n_sparse + isolated_counts[c];
  std::vector<std::vector<Candidate>> global = gather_candidates(std::move(best), keep, comm);
  // The best keys per channel, then in (frame, position) order, as gap_fit stores them.
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::size_t, int>> slot_of;  // (frame, position) → (c, m)
  for (std::size_t c = 0; c < channels; ++c) {
    std::sort(global[c].begin(), global[c].end(), std::greater<>());
    global[c].resize(static_cast<std::size_t>(keep[c]));
    std::sort(global[c].begin(), global[c].end(),
              [](const Candidate& a, const Candidate& b) { return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b)); });
    for (std::size_t m = 0; m < global[c].size(); ++m) {
      slot_of[{std::get<1>(global[c][m]), std::get<2>(global[c][m])}] = {c, static_cast<int>(m)};
    }
  }
  // The owners fill in the chosen descriptors (one pass per frame); a sum over ranks assembles them.
  std::vector<Eigen::MatrixXd> points;
  for (std::size_t c = 0; c < channels; ++c) points.emplace_back(Eigen::MatrixXd::Zero(keep[c], p));
  for (std::size_t f = 0; f < local_frames.size(); ++f) {
    const std::int64_t frame = first_frame + static_cast<std::int64_t>(f);
    const auto first_slot = slot_of.lower_bound({frame, 0});
    if (first_slot == slot_of.end() || first_slot->first.first != frame) continue;
    std::int64_t position = 0;
    descriptor.for_each_environment(local_frames[f], false, [&](const Environment& environment) {
      const auto slot = slot_of.find({frame, position++});
      if (slot != slot_of.end()) points[slot->second.first].row(slot->second.second) = covariance.prepared(environment.q).transpose();
    });
  }
  for (Eigen::MatrixXd& matrix : points) {
    MPI_Allreduce(MPI_IN_PLACE, matrix.data(), static_cast<int>(matrix.size()), MPI_DOUBLE, MPI_SUM, comm);
  }
  return points;
}

}  // namespace

std::vector<Eigen::MatrixXd> select_sparse_points(const std::vector<io::Frame>& local_frames,
                                                  std::int64_t first_frame, const TermSettings& settings,
                                                  const BuiltTerm& term, std::int64_t seed, MPI_Comm comm) {
  if (settings.n_sparse < 1) {
    throw InputError("gap." + settings.descriptor + "_n_sparse: must be at least 1, got " + std::to_string(settings.n_sparse));
  }
  if (settings.sparse_method == "uniform") return uniform_points(local_frames, settings, term, comm);
  if (settings.sparse_method == "cur") return cur_points(local_frames, first_frame, settings, term, seed, comm);
  throw InputError("gap." + settings.descriptor + ": unknown sparse method '" + settings.sparse_method + "' (uniform, cur)");
}

}  // namespace hykal::gap
