#include "hykal/app/descriptor_stage.hpp"

#include "hykal/descriptors/data_set_species.hpp"
#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/parallel/collective_error.hpp"

#include <sstream>

namespace hykal::app {
namespace {

std::vector<int> configured_species(const Configuration& configuration, const io::LocalFrames& data, MPI_Comm comm) {
  const std::vector<std::string> names = configuration.list("soap.species");
  if (names.size() == 1 && names.front() == "auto") return descriptors::species_of_data_set(data.frames, comm);
  std::vector<int> species;
  for (const std::string& name : names) {
    const int z = io::atomic_number(name);
    if (z <= 0) throw InputError("option soap.species: unknown element '" + name + "'");
    species.push_back(z);
  }
  return species;
}

int configured_n_atoms_max(const Configuration& configuration, const io::LocalFrames& data) {
  std::int64_t largest = 0;
  for (const io::FrameLocation& location : data.index.frames) largest = std::max(largest, location.n_atoms);
  const std::string value = configuration.text("coulomb.n_atoms_max");
  if (value == "auto") return static_cast<int>(largest);
  const long long n = parse_integer("coulomb.n_atoms_max", value);
  if (n < largest)
    throw InputError("option coulomb.n_atoms_max: " + value + " is smaller than the largest frame (" +
                     std::to_string(largest) + " atoms)");
  return static_cast<int>(n);
}

descriptors::SoapSettings soap_settings_of(const Configuration& configuration, std::vector<int> species) {
  descriptors::SoapSettings settings;
  settings.basis = descriptors::parse_radial_basis(configuration.text("soap.rbf"));
  settings.n_max = static_cast<int>(configuration.integer("soap.n_max"));
  settings.l_max = static_cast<int>(configuration.integer("soap.l_max"));
  settings.r_cut = configuration.real("soap.r_cut");
  settings.sigma = configuration.real("soap.sigma");
  settings.periodic = configuration.boolean("soap.periodic");
  settings.species = std::move(species);
  return descriptors::validated(settings);
}

}  // namespace

descriptors::LocalDescriptors compute_descriptors(RunContext& context, const io::LocalFrames& data) {
  auto timer = context.timers.scope("descriptors");
  const Configuration& configuration = context.configuration;
  descriptors::SoapSettings soap_settings;
  descriptors::CoulombSettings coulomb_settings;
  parallel::agree_on_input_errors(context.comm, [&] {
    soap_settings = soap_settings_of(configuration, configured_species(configuration, data, context.comm));
    coulomb_settings.permutation = descriptors::parse_coulomb_permutation(configuration.text("coulomb.permutation"));
    coulomb_settings.n_atoms_max = configured_n_atoms_max(configuration, data);
  });
  Progress progress(context.logger, "descriptors (rank 0's frames)");
  descriptors::LocalDescriptors result = descriptors::compute_local_descriptors(
      data.frames, soap_settings, coulomb_settings, context.comm,
      [&](long long done, long long total) { progress.update(done, total); });
  context.logger.info("SOAP: " + std::to_string(result.soap_mean.cols()) + " features per atom, " +
                      std::to_string(result.soap_settings.species.size()) + " species; Coulomb matrices padded to " +
                      std::to_string(result.coulomb_settings.n_atoms_max) + " atoms");
  return result;
}

void write_descriptors_group(hid_t file, const io::LocalFrames& data,
                             const descriptors::LocalDescriptors& descriptors, const Configuration& configuration) {
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

  if (configuration.boolean("soap.store_per_atom")) {
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
  if (configuration.boolean("coulomb.store"))
    hdf5::write_rows(group, "coulomb", H5T_NATIVE_DOUBLE, total, static_cast<hsize_t>(descriptors.coulomb.cols()),
                     first, count, descriptors.coulomb.data());
}

}  // namespace hykal::app
