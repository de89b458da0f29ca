#include "hykal/app/descriptor_stage.hpp"

#include "hykal/descriptors/data_set_species.hpp"
#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <algorithm>
#include <sstream>

namespace hykal::app {
namespace {

// coulomb.n_atoms_max: 0 (auto) is the largest frame; a given size must hold the largest frame.
int resolved_n_atoms_max(int configured, const io::FrameIndex& index) {
  std::int64_t largest = 0;
  for (const io::FrameLocation& location : index.frames) largest = std::max(largest, location.n_atoms);
  if (configured == 0) return static_cast<int>(largest);
  if (configured < largest)
    throw InputError("option coulomb.n_atoms_max: " + std::to_string(configured) + " is smaller than the largest frame (" +
                     std::to_string(largest) + " atoms)");
  return configured;
}

}  // namespace

descriptors::LocalDescriptors compute_descriptors(RunContext& context, const io::LocalFrames& data,
                                                  const descriptors::FrameDescriptorsVisitor& visit) {
  auto timer = context.timers.scope("descriptors");
  descriptors::SoapSettings soap_settings = context.settings.descriptors.soap;
  descriptors::CoulombSettings coulomb_settings = context.settings.descriptors.coulomb;
  if (soap_settings.species.empty()) soap_settings.species = descriptors::species_of_data_set(data.frames, context.comm);
  parallel::agree_on_input_errors(context.comm, [&] {
    coulomb_settings.n_atoms_max = resolved_n_atoms_max(coulomb_settings.n_atoms_max, data.index);
  });
  util::Progress progress(context.logger, "descriptors (rank 0's frames)");
  descriptors::LocalDescriptors result = descriptors::compute_local_descriptors(
      data.frames, soap_settings, coulomb_settings, context.comm,
      [&](long long done, long long total) { progress.update(done, total); },
      {context.settings.descriptors.store_soap_per_atom, context.settings.descriptors.store_coulomb, visit});
  context.logger.info("SOAP: " + std::to_string(result.soap_mean.cols()) + " features per atom, " +
                      std::to_string(result.soap_settings.species.size()) + " species; Coulomb matrices padded to " +
                      std::to_string(result.coulomb_settings.n_atoms_max) + " atoms");
  return result;
}

void write_descriptors_group(hid_t file, const io::LocalFrames& data, const descriptors::LocalDescriptors& descriptors,
                             const DescriptorStageSettings& settings) {
  namespace hdf5 = io::hdf5;
  hdf5::Handle group = hdf5::require_group(file, "descriptors");
  const auto total = static_cast<hsize_t>(data.index.n_frames());
  const auto first = static_cast<hsize_t>(data.first_frame);
  const auto count = static_cast<hsize_t>(data.frames.size());
  const auto p = static_cast<hsize_t>(descriptors.soap_mean.cols());
  hdf5::write_rows(group, "soap_mean", H5T_NATIVE_DOUBLE, total, p, first, count, descriptors.soap_mean.data());

  std::ostringstream species;
  for (int z : descriptors.soap_settings.species) species << io::element_symbol(z) << ' ';
  hdf5::write_string_attribute(group, "soap_species", species.str());
  hdf5::write_string_attribute(group, "soap_rbf", descriptors::to_string(descriptors.soap_settings.basis));
  hdf5::write_integer_attribute(group, "soap_n_max", descriptors.soap_settings.n_max);
  hdf5::write_integer_attribute(group, "soap_l_max", descriptors.soap_settings.l_max);
  hdf5::write_double_attribute(group, "soap_r_cut", descriptors.soap_settings.r_cut);
  hdf5::write_double_attribute(group, "soap_sigma", descriptors.soap_settings.sigma);
  hdf5::write_integer_attribute(group, "coulomb_n_atoms_max", descriptors.coulomb_settings.n_atoms_max);

  if (settings.store_soap_per_atom) {
    // Global atom rows: this rank's atoms start after every atom of the frames before its first.
    std::int64_t first_atom = 0;
    for (std::int64_t g = 0; g < data.first_frame; ++g) first_atom += data.index.frames[static_cast<std::size_t>(g)].n_atoms;
    hdf5::write_rows(group, "soap_atoms", H5T_NATIVE_DOUBLE, static_cast<hsize_t>(data.index.n_atoms_total()), p,
                     static_cast<hsize_t>(first_atom), static_cast<hsize_t>(descriptors.soap_atoms.rows()),
                     descriptors.soap_atoms.data());
    std::vector<long long> offsets;  // global offsets of this rank's frames; the last rank adds the end
    for (std::size_t f = 0; f < data.frames.size(); ++f) offsets.push_back(first_atom + descriptors.atom_offsets[f]);
    const bool last_rank = count > 0 && data.first_frame + static_cast<std::int64_t>(count) == data.index.n_frames();
    if (last_rank) offsets.push_back(data.index.n_atoms_total());
    hdf5::write_rows(group, "atom_offsets", H5T_NATIVE_LLONG, total + 1, 0, first, offsets.size(), offsets.data());
  }
  if (settings.store_coulomb)
    hdf5::write_rows(group, "coulomb", H5T_NATIVE_DOUBLE, total, static_cast<hsize_t>(descriptors.coulomb.cols()),
                     first, count, descriptors.coulomb.data());
}

}  // namespace hykal::app
