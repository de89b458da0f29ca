#include "hykal/descriptors/local_descriptors.hpp"

#include "hykal/parallel/collective_error.hpp"

namespace hykal::descriptors {

LocalDescriptors compute_local_descriptors(const std::vector<io::Frame>& frames, const SoapSettings& soap_settings,
                                           const CoulombSettings& coulomb_settings, MPI_Comm comm,
                                           const FrameProgress& progress, const DescriptorRetention& retention) {
  LocalDescriptors result;
  result.soap_settings = soap_settings;
  result.coulomb_settings = coulomb_settings;
  const SoapCalculator soap(result.soap_settings);
  const CoulombMatrix coulomb(result.coulomb_settings);

  std::int64_t local_atoms = 0;
  result.atom_offsets.push_back(0);
  for (const io::Frame& frame : frames) result.atom_offsets.push_back(local_atoms += static_cast<std::int64_t>(frame.n_atoms()));
  const auto n_frames = static_cast<Eigen::Index>(frames.size());
  result.soap_atoms.resize(retention.soap_atoms ? local_atoms : 0, soap.feature_count());
  result.soap_mean.resize(n_frames, soap.feature_count());
  result.coulomb.resize(retention.coulomb ? n_frames : 0, coulomb.feature_count());

  parallel::agree_on_input_errors(comm, [&] {
    for (std::size_t f = 0; f < frames.size(); ++f) {
      const DescriptorMatrix rows = soap.per_atom(frames[f]);
      const Eigen::VectorXd matrix = coulomb.compute(frames[f]);
      result.soap_mean.row(static_cast<Eigen::Index>(f)) = rows.colwise().mean();
      if (retention.soap_atoms) result.soap_atoms.middleRows(result.atom_offsets[f], rows.rows()) = rows;
      if (retention.coulomb) result.coulomb.row(static_cast<Eigen::Index>(f)) = matrix.transpose();
      if (retention.visit) retention.visit(f, rows, matrix);
      if (progress) progress(static_cast<long long>(f + 1), static_cast<long long>(frames.size()));
    }
  });
  return result;
}

}  // namespace hykal::descriptors
