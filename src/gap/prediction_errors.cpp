#include "hykal/gap/prediction_errors.hpp"

#include <cmath>

namespace hykal::gap {

void PredictionErrors::add(const io::Frame& reference, const Prediction& prediction) {
  if (reference.n_atoms() < 2) return;
  const double n_atoms = static_cast<double>(reference.n_atoms());
  const bool any = reference.energy || reference.has_forces() || reference.virial;
  if (!any) return;
  counts_[0] += 1;
  if (reference.energy) {
    squares_[1] += std::pow((prediction.energy - *reference.energy) / n_atoms, 2);
    counts_[1] += 1;
  }
  if (reference.has_forces()) {
    squares_[2] += (prediction.forces - reference.forces).squaredNorm();
    counts_[2] += static_cast<double>(reference.forces.size());
  }
  if (reference.virial) {
    squares_[3] += ((prediction.virial - *reference.virial) / n_atoms).squaredNorm();
    counts_[3] += 9;
  }
}

PredictionErrors PredictionErrors::summed(MPI_Comm comm) const {
  PredictionErrors total = *this;
  MPI_Allreduce(MPI_IN_PLACE, total.squares_, 4, MPI_DOUBLE, MPI_SUM, comm);
  MPI_Allreduce(MPI_IN_PLACE, total.counts_, 4, MPI_DOUBLE, MPI_SUM, comm);
  return total;
}

std::optional<double> PredictionErrors::rms(int kind, double scale) const {
  if (counts_[kind] == 0) return std::nullopt;
  return scale * std::sqrt(squares_[kind] / counts_[kind]);
}

}  // namespace hykal::gap
