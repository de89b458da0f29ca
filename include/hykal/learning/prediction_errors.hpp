#pragma once
// How well a potential reproduces reference frames (METHOD.md §6): the root-mean-square error
// of the energy per atom, (E_GAP − E_ref)/N_atoms in eV/atom (the e0 of both sides cancel, so
// this is the error of the energy relative to the isolated atoms the authors score), and of every
// force component in eV/Å. One-atom frames are left out: they are the e0 references, fitted
// exactly by construction, and would only flatter the score.
#include "hykal/gap/gap_model.hpp"
#include "hykal/gap/quip_backend.hpp"
#include "hykal/io/frame.hpp"
#include "hykal/learning/batch_evaluation.hpp"

#include <mpi.h>

#include <vector>

namespace hykal::learning {

// Reference and predicted values for parity plots, on the rank that holds the frames.
struct ParityPoints {
  std::vector<double> reference_energy, predicted_energy;  // eV/atom
  std::vector<double> reference_force, predicted_force;    // eV/Å, every stride-th component
  long long force_stride = 1;
};

// Squared errors of this rank's frames, summed; local, so that the part that can fail on one
// rank (InputError naming the frame, for a species the model lacks) is apart from the reduction.
// Frames without forces add to the energy error only. parity: if not null, gets the points.
struct ErrorSums {
  double energy_squares = 0.0;  // Σ (ΔE/N)², (eV/atom)²
  double energies = 0.0;
  double force_squares = 0.0;   // Σ ΔF², (eV/Å)²
  double force_components = 0.0;
};
// programs: QUIP's quip and its time limit, for a model fitted by gap.backend = quip.
ErrorSums local_error_sums(const gap::GapModel& model, const std::vector<io::Frame>& local_frames,
                           const gap::QuipBackendSettings& programs, ParityPoints* parity = nullptr);

// Collective over comm: the RMSEs of every rank's sums (NaN where there is nothing to score).
FitErrors root_mean_square_errors(ErrorSums sums, MPI_Comm comm);

}  // namespace hykal::learning
