#include "hykal/learning/prediction_errors.hpp"

#include "hykal/gap/gap_backend.hpp"

#include <cmath>

namespace hykal::learning {

ErrorSums local_error_sums(const gap::GapModel& model, const std::vector<io::Frame>& local_frames,
                           const gap::QuipBackendSettings& programs, ParityPoints* parity) {
  const std::vector<gap::Prediction> predictions = gap::model_predictions(model, local_frames, programs);
  ErrorSums sums;
  for (std::size_t f = 0; f < local_frames.size(); ++f) {
    const io::Frame& frame = local_frames[f];
    const gap::Prediction& prediction = predictions[f];
    if (frame.n_atoms() < 2 || !frame.energy) continue;
    const double n = static_cast<double>(frame.n_atoms());
    sums.energy_squares += std::pow((prediction.energy - *frame.energy) / n, 2);
    sums.energies += 1.0;
    if (parity) {
      parity->reference_energy.push_back(*frame.energy / n);
      parity->predicted_energy.push_back(prediction.energy / n);
    }
    if (!frame.has_forces()) continue;
    sums.force_squares += (prediction.forces - frame.forces).squaredNorm();
    sums.force_components += static_cast<double>(frame.forces.size());
    if (!parity) continue;
    for (Eigen::Index i = 0; i < frame.forces.size(); i += parity->force_stride) {
      parity->reference_force.push_back(frame.forces.data()[i]);
      parity->predicted_force.push_back(prediction.forces.data()[i]);
    }
  }
  return sums;
}

FitErrors root_mean_square_errors(ErrorSums sums, MPI_Comm comm) {
  double values[4] = {sums.energy_squares, sums.energies, sums.force_squares, sums.force_components};
  MPI_Allreduce(MPI_IN_PLACE, values, 4, MPI_DOUBLE, MPI_SUM, comm);
  FitErrors errors;
  errors.energy_rmse = values[1] > 0 ? std::sqrt(values[0] / values[1]) : std::nan("");
  errors.force_rmse = values[3] > 0 ? std::sqrt(values[2] / values[3]) : std::nan("");
  return errors;
}

}  // namespace hykal::learning
