#include "hykal/gap/sparse_selection.hpp"

#include "hykal/error.hpp"

#include <Eigen/Eigenvalues>

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

// A uniform number in (0, 1) from the seed and an environment's global position (SplitMix64).
double uniform_draw(std::uint64_t seed, std::int64_t frame, std::int64_t ordinal) {
  std::uint64_t x = seed;
  for (std::uint64_t word : {static_cast<std::uint64_t>(frame), static_cast<std::uint64_t>(ordinal)}) {
    x ^= word + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
  }
  return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
}

// One sampled environment: key, global frame, position in the frame's visiting order, channel.
using Candidate = std::tuple<double, std::int64_t, std::int64_t, int>;

// gap_fit's leverage basis of each channel (cur_decomposition in GAP's clustering.F90): the
// leading k = ⌊rank/2⌋ eigenpairs of the Gram matrix, rank counting the eigenvalues above
// 1e-12 of the largest, as v_j/√λ_j columns (p × k). gap_fit counts the singular values above
// 1e-13 of an explicit SVD, which resolves directions the Gram matrix's rounding hides: on the
// AsTe3 SOAP vectors it counts 350 of 468 (k = 175) where we count 205 and 192 (k = 102, 96).
// Fitting the authors' potential with k = 175 gave the same validation errors (2.09, 2.04,
// 2.04 against 2.08, 2.03, 2.06 meV/atom for gap.seed 0, 1, 2), so the cheaper Gram stays.
std::vector<Eigen::MatrixXd> leverage_projections(std::vector<Eigen::MatrixXd> gram, MPI_Comm comm) {
  std::vector<Eigen::MatrixXd> projections;
  for (Eigen::MatrixXd& g : gram) {
    MPI_Allreduce(MPI_IN_PLACE, g.data(), static_cast<int>(g.size()), MPI_DOUBLE, MPI_SUM, comm);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(g);
    const Eigen::VectorXd& values = solver.eigenvalues();  // ascending
    const double floor = 1e-12 * std::max(values.maxCoeff(), 0.0);
    const int rank = static_cast<int>((values.array() > floor).count());
    const int k = std::max(1, rank / 2);
    projections.push_back(solver.eigenvectors().rightCols(k) *
                          values.tail(k).cwiseSqrt().cwiseInverse().asDiagonal());
  }
  return projections;
}

std::vector<Eigen::MatrixXd> cur_points(const std::vector<io::Frame>& local_frames, std::int64_t first_frame,
                                        const TermSettings& settings, const BuiltTerm& term, std::uint64_t seed,
                                        MPI_Comm comm) {
  const DescriptorTerm& descriptor = *term.descriptor;
  const Covariance& covariance = *term.covariance;
  const auto channels = static_cast<std::size_t>(descriptor.channel_count());
  const int p = descriptor.dimension();
  std::vector<long long> counts(channels, 0);
  std::vector<Eigen::MatrixXd> gram(channels, Eigen::MatrixXd::Zero(p, p));
  for (const io::Frame& frame : local_frames) {
    descriptor.for_each_environment(frame, false, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      ++counts[c];
      const Eigen::VectorXd x = covariance.prepared(environment.q);
      gram[c].selfadjointView<Eigen::Lower>().rankUpdate(x);
    });
  }
  check_environment_counts(counts, settings, descriptor, comm);
  for (Eigen::MatrixXd& g : gram) g = g.selfadjointView<Eigen::Lower>();
  const std::vector<Eigen::MatrixXd> projections = leverage_projections(std::move(gram), comm);

  // Keys of every local environment; keep this rank's n best per channel.
  std::vector<std::vector<Candidate>> best(channels);
  for (std::size_t f = 0; f < local_frames.size(); ++f) {
    const std::int64_t frame = first_frame + static_cast<std::int64_t>(f);
    std::int64_t ordinal = 0;
    descriptor.for_each_environment(local_frames[f], false, [&](const Environment& environment) {
      const auto c = static_cast<std::size_t>(environment.channel);
      // gap_fit's selection: probability p = min(1, n π / k) from the leverage π over the k
      // leading directions, and the n environments with the largest p − u are kept.
      const auto k = static_cast<double>(projections[c].cols());
      const double leverage = (projections[c].transpose() * covariance.prepared(environment.q)).squaredNorm();
      const double probability = std::min(1.0, settings.n_sparse * leverage / k);
      const double key = probability - uniform_draw(seed, frame, ordinal);
      best[c].emplace_back(key, frame, ordinal, environment.channel);
      ++ordinal;
    });
  }
  // Every rank's candidates to every rank, as 4 doubles each (frame and position are exact).
  std::vector<double> packed;
  for (std::vector<Candidate>& list : best) {
    const auto keep = std::min(list.size(), static_cast<std::size_t>(settings.n_sparse));
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(), std::greater<>());
    for (std::size_t i = 0; i < keep; ++i) {
      const auto& [key, frame, ordinal, channel] = list[i];
      packed.insert(packed.end(), {key, static_cast<double>(frame), static_cast<double>(ordinal), static_cast<double>(channel)});
    }
  }
  int size = 0;
  MPI_Comm_size(comm, &size);
  int mine = static_cast<int>(packed.size());
  std::vector<int> lengths(static_cast<std::size_t>(size));
  MPI_Allgather(&mine, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
  std::vector<int> offsets(static_cast<std::size_t>(size), 0);
  for (int r = 1; r < size; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::vector<double> all(static_cast<std::size_t>(offsets.back() + lengths.back()));
  MPI_Allgatherv(packed.data(), mine, MPI_DOUBLE, all.data(), lengths.data(), offsets.data(), MPI_DOUBLE, comm);
  std::vector<std::vector<Candidate>> global(channels);
  for (std::size_t i = 0; i < all.size(); i += 4) {
    global[static_cast<std::size_t>(all[i + 3])].emplace_back(all[i], static_cast<std::int64_t>(all[i + 1]),
                                                              static_cast<std::int64_t>(all[i + 2]), static_cast<int>(all[i + 3]));
  }
  // The n largest keys per channel, then in (frame, position) order.
  std::vector<std::vector<Candidate>> chosen(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    std::sort(global[c].begin(), global[c].end(), std::greater<>());
    chosen[c].assign(global[c].begin(), global[c].begin() + settings.n_sparse);
    std::sort(chosen[c].begin(), chosen[c].end(),
              [](const Candidate& a, const Candidate& b) { return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b)); });
  }
  // The owners fill in the chosen descriptors (one pass per frame); a sum over ranks assembles them.
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::size_t, int>> slot_of;  // (frame, position) → (c, m)
  for (std::size_t c = 0; c < channels; ++c) {
    for (int m = 0; m < settings.n_sparse; ++m) {
      const Candidate& candidate = chosen[c][static_cast<std::size_t>(m)];
      slot_of[{std::get<1>(candidate), std::get<2>(candidate)}] = {c, m};
    }
  }
  std::vector<Eigen::MatrixXd> points(channels, Eigen::MatrixXd::Zero(settings.n_sparse, p));
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
                                                  const BuiltTerm& term, std::uint64_t seed, MPI_Comm comm) {
  if (settings.n_sparse < 1) {
    throw InputError("gap." + settings.descriptor + "_n_sparse: must be at least 1, got " + std::to_string(settings.n_sparse));
  }
  if (settings.sparse_method == "uniform") return uniform_points(local_frames, settings, term, comm);
  if (settings.sparse_method == "cur") return cur_points(local_frames, first_frame, settings, term, seed, comm);
  throw InputError("gap." + settings.descriptor + ": unknown sparse method '" + settings.sparse_method + "' (uniform, cur)");
}

}  // namespace hykal::gap
