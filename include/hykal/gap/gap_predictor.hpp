#pragma once
// Energies, forces and virials of frames from a fitted GAP model (METHOD.md §7). Frames are
// independent, so callers parallelise over frames (each rank predicts the frames it holds).
#include "hykal/gap/gap_model.hpp"
#include "hykal/io/frame.hpp"

#include <Eigen/Core>

#include <vector>

namespace hykal::gap {

struct Prediction {
  double energy = 0.0;      // eV, e0 included
  io::AtomVectors forces;   // eV/Å
  Eigen::Matrix3d virial;   // eV, −Σ r_ij ⊗ ∂E/∂r_ij (symmetric)
};

// Σ e0 over the frame's atoms (eV). InputError naming the frame when it holds a species absent
// from the model (the check every prediction makes first, whichever code computes it).
double e0_sum(const GapModel& model, const io::Frame& frame);

// A model of the built-in backend (model.backend = "builtin").
class GapPredictor {
 public:
  explicit GapPredictor(const GapModel& model);

  // InputError naming the frame when it holds a species absent from the model.
  Prediction predict(const io::Frame& frame) const;

 private:
  const GapModel* model_;
  std::vector<BuiltTerm> built_;
};

}  // namespace hykal::gap
