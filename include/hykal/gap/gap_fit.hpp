#pragma once
// The sparse GP fit of a GAP potential (METHOD.md §7, gap_fit's conventions), distributed over
// any communicator.
//
// Observations: total energies minus Σ e0 (σ_E·√N_atoms), force components (σ_F) and virial
// components (σ_V·√N_atoms, Voigt order) of the frames that have them. With K_MM + jitter·I =
// L Lᵀ (Cholesky of each channel's block; channels do not covary), α is the least-squares
// solution of [Σ^−½ K_NM ; Lᵀ] α = [Σ^−½ y ; 0], found by Householder QR (ScaLAPACK), never
// the normal equations. The ranks that hold the frames build their rows of K_NM (contracting
// each environment's descriptor gradients at once, frame_response.hpp) and the rows of Lᵀ are
// shared out between the ranks; each rank's rows, padded with zero rows to the longest rank's
// count (zero rows do not change a least-squares solution), are its local rows of a P × 1 grid,
// which pdgemr2d redistributes, in tiles, onto a near-square grid for pdgeqrf.
// Memory per rank: 2·(rows·M)/P doubles for the two layouts of the stacked matrix (rows: the
// longest rank's observations plus M/P, times P), plus M² for K_MM and L, plus one frame's
// 3·N_atoms × M response.
#include "hykal/gap/e0.hpp"
#include "hykal/gap/gap_model.hpp"
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace hykal::gap {

struct FitSettings {
  std::vector<TermSettings> terms;
  double sigma_energy = 0.001;            // eV/atom
  std::optional<double> sigma_force;      // eV/Å; unset: forces are not fitted
  std::optional<double> sigma_virial;     // eV/atom; unset: virials are not fitted
  double sparse_jitter = 1e-12;           // eV², added to the diagonal of K_MM
  E0Settings e0;
  std::uint64_t seed = 1;                 // CUR sampling, as gap_fit's rnd_seed
  int block_size = 64;                    // ScaLAPACK blocks of the stacked system
};

// Every check of the settings that needs no frame (σ's, jitter, each term's descriptor and
// covariance built for a placeholder species): InputError naming the gap.* key.
void check_fit_settings(const FitSettings& settings);

// Collective over comm: what every model records besides its potential (species, e0, fit values,
// training signature; no terms), with the checks fit_gap makes first (InputError, the same on
// every rank, naming the gap.* key). Both backends start from it (quip_model.hpp).
GapModel model_record(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                      MPI_Comm comm);

// Called on every rank after each of its frames' rows is built, with (frames done, local frames).
using FitProgress = std::function<void(long long done, long long total)>;

// Collective over comm. local_frames: this rank's training frames in global order, the first
// being global frame first_frame (rank r's frames precede rank r+1's). InputError, the same on
// every rank, for bad settings or data (naming the gap.* key or the frame).
GapModel fit_gap(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                 MPI_Comm comm, const FitProgress& progress = {});

// The size of the stacked system a fit of these frames builds (collective over comm): observation
// rows (energies, force and virial components the settings fit), columns M (every term's
// n_sparse times its channels for the frames' species) and the largest frame's atoms. InputError
// as fit_gap for bad settings.
struct FitSize {
  std::int64_t rows = 0;
  std::int64_t columns = 0;
  std::int64_t max_atoms = 0;
};
FitSize fit_size(const std::vector<io::Frame>& local_frames, const FitSettings& settings, MPI_Comm comm);

// Bytes per rank of the fit's large arrays (the estimate behind the memory statement above) for
// `rows` observation rows evenly spread over `ranks`, M = `columns` sparse points and frames of
// at most max_atoms atoms: 8·(2·⌈(rows + M)/P⌉·M + 3·M² + 3·max_atoms·M + 2·tile), tile: the
// elements of one pdgemr2d call (parallel/grid_copy.hpp), whose send and receive buffers it sizes.
std::int64_t fit_memory_per_rank(std::int64_t rows, std::int64_t columns, int ranks, std::int64_t max_atoms);

}  // namespace hykal::gap
