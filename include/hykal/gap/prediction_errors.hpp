#pragma once
// Root-mean-square errors of a GAP model's predictions against the reference values of frames,
// in the units users compare potentials by: energy per atom (meV/atom), force components
// (eV/Å), virial components per atom (meV/atom, all nine). One-atom frames are left out: they are
// the isolated-atom references, whose energy a model fitted with e0 = isolated reproduces by
// construction. Each kind counts only the frames that have that reference.
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <optional>

namespace hykal::gap {

class PredictionErrors {
 public:
  void add(const io::Frame& reference, const Prediction& prediction);
  // Collective over comm: the sums of every rank.
  PredictionErrors summed(MPI_Comm comm) const;

  long long frames() const { return static_cast<long long>(counts_[0]); }  // frames with at least one reference
  // Empty when no frame has that reference.
  std::optional<double> energy_mev_per_atom() const { return rms(1, 1000.0); }
  std::optional<double> energy_ev_per_atom() const { return rms(1, 1.0); }  // as the active-learning loop stores it
  std::optional<double> force_ev_per_angstrom() const { return rms(2, 1.0); }
  std::optional<double> virial_mev_per_atom() const { return rms(3, 1000.0); }

 private:
  std::optional<double> rms(int kind, double scale) const;
  // [0]: frames; [1] energy, [2] force, [3] virial: Σ squared error and count.
  double squares_[4] = {0, 0, 0, 0};
  double counts_[4] = {0, 0, 0, 0};
};

}  // namespace hykal::gap
