#include "hykal/learning/batch_evaluation.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "hykal/parallel/gather_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace hykal::learning {
namespace {

std::string seconds_text(double seconds) {
  std::ostringstream text;
  text.precision(3);
  text << seconds << " s";
  return text.str();
}

std::vector<std::vector<double>> broadcast_proposals(const std::vector<std::vector<double>>& proposals, MPI_Comm world) {
  long long shape[2] = {static_cast<long long>(proposals.size()), proposals.empty() ? 0 : static_cast<long long>(proposals[0].size())};
  MPI_Bcast(shape, 2, MPI_LONG_LONG, 0, world);
  std::vector<double> flat(static_cast<std::size_t>(shape[0] * shape[1]));
  int rank = 0;
  MPI_Comm_rank(world, &rank);
  if (rank == 0)
    for (std::size_t i = 0; i < proposals.size(); ++i) std::copy(proposals[i].begin(), proposals[i].end(), flat.begin() + static_cast<long>(i) * shape[1]);
  MPI_Bcast(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, 0, world);
  std::vector<std::vector<double>> all(static_cast<std::size_t>(shape[0]));
  for (std::size_t i = 0; i < all.size(); ++i)
    all[i].assign(flat.begin() + static_cast<long>(i) * shape[1], flat.begin() + static_cast<long>(i + 1) * shape[1]);
  return all;
}

// Agreement order: a thrown error outranks a timeout, which outranks success.
int precedence(FitStatus s) { return s == FitStatus::failed ? 2 : s == FitStatus::timeout ? 1 : 0; }

FitResult fit_in_group(const FitGroups& groups, const std::vector<double>& hyperparameters, const FitFunction& fit,
                       double timeout_seconds) {
  const MPI_Comm group = groups.group();
  const double start = MPI_Wtime();
  const double deadline = timeout_seconds > 0.0 ? start + timeout_seconds : std::numeric_limits<double>::infinity();
  FitResult result;
  result.group = groups.index();
  FitStatus local = FitStatus::ok;
  std::string reason;
  try {
    result.errors = fit(hyperparameters, FitContext(group, deadline, timeout_seconds));
  } catch (const FitTimeout& e) {
    local = FitStatus::timeout;
    reason = e.what();
  } catch (const std::exception& e) {
    local = FitStatus::failed;
    reason = e.what();
  } catch (...) {
    local = FitStatus::failed;
    reason = "unknown exception";
  }
  if (local != FitStatus::ok && reason.empty()) reason = status_text(local);
  const double elapsed = MPI_Wtime() - start;
  MPI_Allreduce(&elapsed, &result.seconds, 1, MPI_DOUBLE, MPI_MAX, group);

  const int mine = precedence(local);
  int agreed = 0;
  MPI_Allreduce(&mine, &agreed, 1, MPI_INT, MPI_MAX, group);
  if (agreed > 0) {
    result.status = agreed == 2 ? FitStatus::failed : FitStatus::timeout;
    result.reason = parallel::first_message(group, local == result.status ? reason : std::string());
    return result;
  }
  double errors[2] = {result.errors.energy_rmse, result.errors.force_rmse};
  MPI_Bcast(errors, 2, MPI_DOUBLE, 0, group);  // the group's first rank speaks for it
  result.errors = {errors[0], errors[1]};
  if (!std::isfinite(errors[0]) || !std::isfinite(errors[1])) {
    result.status = FitStatus::non_finite;
    std::ostringstream text;
    text << "non-finite test error: energy RMSE " << errors[0] << " eV/atom, force RMSE " << errors[1] << " eV/Å";
    result.reason = text.str();
  } else if (result.seconds > timeout_seconds && timeout_seconds > 0.0) {
    result.status = FitStatus::timeout;
    result.reason = "took " + seconds_text(result.seconds) + ", more than gap.fit_timeout = " + seconds_text(timeout_seconds);
  }
  return result;
}

// Collective over world: the result held by root (the first rank of the group that ran it).
FitResult broadcast_result(const FitResult& result, int root, MPI_Comm world) {
  double numbers[5] = {static_cast<double>(result.status), result.errors.energy_rmse, result.errors.force_rmse,
                       result.seconds, static_cast<double>(result.group)};
  MPI_Bcast(numbers, 5, MPI_DOUBLE, root, world);
  FitResult copy;
  copy.status = static_cast<FitStatus>(static_cast<int>(numbers[0]));
  copy.errors = {numbers[1], numbers[2]};
  copy.seconds = numbers[3];
  copy.group = static_cast<int>(numbers[4]);
  copy.reason = parallel::broadcast_text(result.reason, root, world);
  return copy;
}

}  // namespace

const char* status_text(FitStatus status) {
  switch (status) {
    case FitStatus::ok: return "ok";
    case FitStatus::failed: return "failed";
    case FitStatus::non_finite: return "non-finite error";
    case FitStatus::timeout: return "timeout";
  }
  HYKAL_THROW("unknown fit status");
}

void FitContext::check_deadline() const {
  const int late = MPI_Wtime() > deadline_ ? 1 : 0;
  int any_late = 0;
  MPI_Allreduce(&late, &any_late, 1, MPI_INT, MPI_MAX, group_);
  if (any_late) throw FitTimeout("fit stopped after gap.fit_timeout = " + seconds_text(timeout_seconds_));
}

void FitContext::agree(const std::function<void()>& work) const {
  std::string message;
  try {
    work();
  } catch (const std::exception& e) {
    message = *e.what() ? e.what() : "exception without a message";
  } catch (...) {
    message = "unknown exception";
  }
  const std::string first = parallel::first_message(group_, message);
  if (!first.empty()) throw FitFailure(first);
}

std::vector<FitResult> evaluate_batch(const FitGroups& groups, const std::vector<std::vector<double>>& proposals,
                                      const FitFunction& fit, double timeout_seconds) {
  const std::vector<std::vector<double>> all = broadcast_proposals(proposals, groups.world());
  const auto count = static_cast<std::size_t>(groups.count());
  std::vector<FitResult> mine(all.size());
  for (std::size_t i = static_cast<std::size_t>(groups.index()); i < all.size(); i += count)
    mine[i] = fit_in_group(groups, all[i], fit, timeout_seconds);
  std::vector<FitResult> results(all.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    results[i] = broadcast_result(mine[i], groups.first_rank_of(static_cast<int>(i % count)), groups.world());
  return results;
}

}  // namespace hykal::learning
