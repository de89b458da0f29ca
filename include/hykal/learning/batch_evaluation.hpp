#pragma once
// Running the fits of one Bayesian-optimisation batch at the same time, one per fit group
// (issue 9 item 2), against an abstract fit: hyperparameters and the group's communicator in,
// test errors out. The GAP fit plugs in here; the tests use synthetic objectives.
//
// Failures are a result, never the end of the run: a fit that throws on any rank of its group,
// returns a non-finite error, or exceeds the timeout is recorded with its status and reason, and
// the other groups and later batches go on. The group agrees on the outcome among its own ranks
// (the world is never aborted, nor waited on by a group).
//
// MPI cannot pull a rank out of a collective call, so a rank that throws while the others of its
// group wait in a collective would hang them. The contract a fit function keeps: work that may
// throw on some ranks only runs inside context.agree(…), which throws on every rank of the group
// if it threw on any (or after the fit's last collective call, where the driver agrees); errors
// that arise on all ranks at once (ScaLAPACK's info) may throw anywhere. For the timeout, the fit
// calls context.check_deadline() at points every rank of the group passes (between stages): that
// call is collective and throws FitTimeout on all of them together. A fit that returns after its
// deadline is a timeout too.
#include "hykal/learning/fit_groups.hpp"

#include <mpi.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hykal::learning {

// Codes as stored in the results file (/learning/fits status) and the checkpoint.
enum class FitStatus { ok = 0, failed = 1, non_finite = 2, timeout = 3 };
const char* status_text(FitStatus status);

struct FitErrors {
  double energy_rmse = 0.0;  // eV/atom, on the test set
  double force_rmse = 0.0;   // eV/Å
};

class FitTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FitFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FitContext {
 public:
  FitContext(MPI_Comm group, double deadline, double timeout_seconds)
      : group_(group), deadline_(deadline), timeout_seconds_(timeout_seconds) {}
  MPI_Comm group() const { return group_; }
  // Collective over the group: throws FitTimeout on every rank if any rank is past the deadline.
  void check_deadline() const;
  // Collective over the group: runs work(); if it threw on any rank, throws FitFailure with the
  // message of the lowest such rank on every rank.
  void agree(const std::function<void()>& work) const;

 private:
  MPI_Comm group_;
  double deadline_;  // MPI_Wtime() value
  double timeout_seconds_;
};

// hyperparameters as the search space orders them; called on every rank of the group.
using FitFunction = std::function<FitErrors(const std::vector<double>& hyperparameters, const FitContext& context)>;

struct FitResult {
  FitStatus status = FitStatus::ok;
  std::string reason;   // empty if ok
  FitErrors errors;     // meaningful if ok
  double seconds = 0.0; // wall time of the fit, slowest rank of its group
  int group = 0;        // which group ran it (per-group timings)
};

// Collective over groups.world(). proposals are significant on world rank 0 only (the optimiser
// runs there); proposal i is fitted by group i mod count, groups taking theirs in order. Returns
// every proposal's result on every rank. timeout_seconds ≤ 0: no timeout.
std::vector<FitResult> evaluate_batch(const FitGroups& groups, const std::vector<std::vector<double>>& proposals,
                                      const FitFunction& fit, double timeout_seconds);

}  // namespace hykal::learning
