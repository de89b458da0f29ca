#include "hykal/gap/model_file.hpp"

#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace hykal::gap {

namespace hdf5 = io::hdf5;

namespace {

const char* const units = "energies and e0 in eV, distances and sparse two-body points in Å, delta in eV, "
                          "sigma_energy and sigma_virial in eV/atom, sigma_force in eV/Å, coefficients in 1/eV";

int rank_of(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

// A row-major dataset written by rank 0 (every rank calls, as parallel HDF5 requires).
void write_matrix(hid_t location, const std::string& path, const Eigen::MatrixXd& matrix, bool one_dimensional,
                  MPI_Comm comm) {
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = matrix;
  const auto n_rows = static_cast<hsize_t>(rows.rows());
  hdf5::write_rows(location, path, H5T_NATIVE_DOUBLE, n_rows, one_dimensional ? 0 : static_cast<hsize_t>(rows.cols()),
                   0, rank_of(comm) == 0 ? n_rows : 0, rows.data());
}

void write_term(hid_t terms, int index, const TrainedTerm& term, const std::vector<std::string>& channel_names,
                MPI_Comm comm) {
  const hdf5::Handle group = hdf5::require_group(terms, std::to_string(index));
  const TermSettings& settings = term.settings;
  hdf5::write_string_attribute(group, "descriptor", settings.descriptor);
  hdf5::write_string_attribute(group, "covariance", settings.covariance);
  hdf5::write_double_attribute(group, "covariance_parameter", settings.covariance_parameter);
  hdf5::write_double_attribute(group, "delta", settings.delta);
  hdf5::write_integer_attribute(group, "n_sparse", settings.n_sparse);
  hdf5::write_string_attribute(group, "sparse_method", settings.sparse_method);
  const hdf5::Handle values = hdf5::require_group(group, "descriptor_values");
  for (const auto& [name, value] : settings.descriptor_values) hdf5::write_double_attribute(values, name, value);
  for (std::size_t c = 0; c < term.sparse_points.size(); ++c) {
    const hdf5::Handle channel = hdf5::require_group(group, "channels/" + std::to_string(c));
    hdf5::write_string_attribute(channel, "name", channel_names[c]);
    write_matrix(channel, "sparse_points", term.sparse_points[c], false, comm);
    write_matrix(channel, "coefficients", term.coefficients[c], true, comm);
  }
}

void write_contents(hid_t file, const GapModel& model, MPI_Comm comm) {
  hdf5::write_string_attribute(file, "format", model_file_format);
  hdf5::write_integer_attribute(file, "version", model_file_version);
  hdf5::write_string_attribute(file, "units", units);
  hdf5::write_string_attribute(file, "backend", model.backend);
  if (model.backend == "quip") {
    const hdf5::Handle type = hdf5::fixed_string_type(model.quip_xml.size());
    hdf5::write_rows(file, "quip_xml", type, 1, 0, 0, rank_of(comm) == 0 ? 1 : 0, model.quip_xml.data());
  }
  Eigen::MatrixXd species(static_cast<Eigen::Index>(model.species.size()), 2);
  for (std::size_t s = 0; s < model.species.size(); ++s) {
    species(static_cast<Eigen::Index>(s), 0) = model.species[s];
    species(static_cast<Eigen::Index>(s), 1) = model.e0.at(model.species[s]);
  }
  write_matrix(file, "atomic_numbers", species.col(0), true, comm);
  write_matrix(file, "e0", species.col(1), true, comm);
  const hdf5::Handle fit = hdf5::require_group(file, "fit");
  hdf5::write_string_attribute(fit, "e0_method", model.e0_method);
  for (const auto& [name, value] : model.fit_values) hdf5::write_double_attribute(fit, name, value);
  const hdf5::Handle training = hdf5::require_group(file, "training");
  const TrainingSignature& t = model.training;
  hdf5::write_integer_attribute(training, "n_frames", t.n_frames);
  hdf5::write_integer_attribute(training, "n_atoms", t.n_atoms);
  hdf5::write_integer_attribute(training, "n_energies", t.n_energies);
  hdf5::write_integer_attribute(training, "n_force_components", t.n_force_components);
  hdf5::write_integer_attribute(training, "n_virial_components", t.n_virial_components);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(t.frames_hash));
  hdf5::write_string_attribute(training, "frames_hash", hash);
  const hdf5::Handle terms = hdf5::require_group(file, "terms");
  hdf5::write_integer_attribute(terms, "count", static_cast<long long>(model.terms.size()));
  for (std::size_t i = 0; i < model.terms.size(); ++i) {
    const BuiltTerm built = build_term(model.terms[i].settings, model.species);
    std::vector<std::string> names;
    for (int c = 0; c < built.descriptor->channel_count(); ++c) names.push_back(built.descriptor->channel_name(c));
    write_term(terms, static_cast<int>(i), model.terms[i], names, comm);
  }
}

// Reading: every missing piece is an InputError naming the file and the piece.
class ModelReader {
 public:
  explicit ModelReader(std::string path) : path_(std::move(path)), file_(hdf5::open_read_only(path_)) {}

  GapModel read() {
    if (H5Aexists(file_, "format") <= 0 || hdf5::read_string_attribute(file_, "format") != model_file_format) {
      throw InputError(path_ + ": not a hykal GAP model file (no root attribute format = '" +
                       std::string(model_file_format) + "')");
    }
    const long long version = static_cast<long long>(attribute(file_, "", "version"));
    if (version != model_file_version) {
      throw InputError(path_ + ": GAP model file version " + std::to_string(version) + ", this hykal reads version " +
                       std::to_string(model_file_version));
    }
    GapModel model;
    model.backend = string_attribute(file_, "", "backend");
    if (model.backend != "builtin" && model.backend != "quip")
      fail("root attribute backend is '" + model.backend + "', not builtin or quip");
    if (model.backend == "quip") model.quip_xml = text("quip_xml");
    const std::vector<double> numbers = doubles("atomic_numbers");
    const std::vector<double> e0 = doubles("e0");
    if (numbers.size() != e0.size() || numbers.empty()) fail("/atomic_numbers and /e0 differ in length or are empty");
    for (std::size_t s = 0; s < numbers.size(); ++s) {
      model.species.push_back(static_cast<int>(numbers[s]));
      model.e0[model.species.back()] = e0[s];
    }
    const hdf5::Handle fit = group("fit");
    model.e0_method = string_attribute(fit, "fit", "e0_method");
    for (const char* name : {"sigma_energy", "sigma_force", "sigma_virial", "sparse_jitter", "seed"}) {
      model.fit_values[name] = attribute(fit, "fit", name);
    }
    const hdf5::Handle training = group("training");
    TrainingSignature& t = model.training;
    t.n_frames = static_cast<std::int64_t>(attribute(training, "training", "n_frames"));
    t.n_atoms = static_cast<std::int64_t>(attribute(training, "training", "n_atoms"));
    t.n_energies = static_cast<std::int64_t>(attribute(training, "training", "n_energies"));
    t.n_force_components = static_cast<std::int64_t>(attribute(training, "training", "n_force_components"));
    t.n_virial_components = static_cast<std::int64_t>(attribute(training, "training", "n_virial_components"));
    t.frames_hash = std::stoull(string_attribute(training, "training", "frames_hash"), nullptr, 16);
    const hdf5::Handle terms = group("terms");
    const auto count = static_cast<int>(attribute(terms, "terms", "count"));
    for (int i = 0; i < count; ++i) {
      const std::string name = "terms/" + std::to_string(i);
      TrainedTerm term{read_term_settings(name), {}, {}};
      if (model.backend == "builtin") read_channels(name, model.species, term);
      model.terms.push_back(std::move(term));
    }
    return model;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path_ + ": truncated or damaged GAP model file: " + what);
  }

  hdf5::Handle group(const std::string& name) const {
    if (!hdf5::exists(file_, name)) fail("no group /" + name);
    return hdf5::Handle(H5Gopen2(file_, name.c_str(), H5P_DEFAULT));
  }

  double attribute(hid_t object, const std::string& where, const std::string& name) const {
    if (H5Aexists(object, name.c_str()) <= 0) fail("no attribute " + name + " on /" + where);
    return hdf5::read_double_attribute(object, name);
  }

  std::string string_attribute(hid_t object, const std::string& where, const std::string& name) const {
    if (H5Aexists(object, name.c_str()) <= 0) fail("no attribute " + name + " on /" + where);
    return hdf5::read_string_attribute(object, name);
  }

  std::vector<double> doubles(const std::string& name) const {
    if (!hdf5::exists(file_, name)) fail("no dataset /" + name);
    return hdf5::read_doubles(file_, name).values;
  }

  Eigen::MatrixXd matrix(const std::string& name) const {
    if (!hdf5::exists(file_, name)) fail("no dataset /" + name);
    const hdf5::DoubleArray array = hdf5::read_doubles(file_, name);
    if (array.shape.size() != 2) fail("/" + name + " is not a matrix");
    return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        array.values.data(), static_cast<Eigen::Index>(array.shape[0]), static_cast<Eigen::Index>(array.shape[1]));
  }

  // A string dataset of one element (gap_fit's XML, megabytes: too long for an attribute).
  std::string text(const std::string& name) const {
    if (!hdf5::exists(file_, name)) fail("no dataset /" + name);
    const hdf5::Handle dataset(H5Dopen2(file_, name.c_str(), H5P_DEFAULT));
    const hdf5::Handle type(H5Dget_type(dataset));
    const hdf5::Handle space(H5Dget_space(dataset));
    if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) != 0 || H5Sget_simple_extent_npoints(space) != 1)
      fail("/" + name + " is not one fixed-length string");
    std::string value(H5Tget_size(type), '\0');
    if (H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value.data()) < 0) fail("cannot read /" + name);
    value.resize(std::strlen(value.c_str()));  // HDF5 pads fixed-length strings with NUL
    if (value.empty()) fail("/" + name + " is empty");
    return value;
  }

  TermSettings read_term_settings(const std::string& name) const {
    const hdf5::Handle term_group = group(name);
    TermSettings settings;
    settings.descriptor = string_attribute(term_group, name, "descriptor");
    settings.covariance = string_attribute(term_group, name, "covariance");
    settings.covariance_parameter = attribute(term_group, name, "covariance_parameter");
    settings.delta = attribute(term_group, name, "delta");
    settings.n_sparse = static_cast<int>(attribute(term_group, name, "n_sparse"));
    settings.sparse_method = string_attribute(term_group, name, "sparse_method");
    const hdf5::Handle values = group(name + "/descriptor_values");
    const int n_values = H5Aget_num_attrs(values);
    for (int a = 0; a < n_values; ++a) {
      char attribute_name[256] = {};
      H5Aget_name_by_idx(values, ".", H5_INDEX_NAME, H5_ITER_INC, static_cast<hsize_t>(a), attribute_name,
                         sizeof attribute_name, H5P_DEFAULT);
      settings.descriptor_values[attribute_name] = hdf5::read_double_attribute(values, attribute_name);
    }
    return settings;
  }

  void read_channels(const std::string& name, const std::vector<int>& species, TrainedTerm& term) const {
    const BuiltTerm built = build_term(term.settings, species);
    for (int c = 0; c < built.descriptor->channel_count(); ++c) {
      const std::string channel = name + "/channels/" + std::to_string(c);
      term.sparse_points.push_back(matrix(channel + "/sparse_points"));
      const std::vector<double> alpha = doubles(channel + "/coefficients");
      term.coefficients.emplace_back(Eigen::Map<const Eigen::VectorXd>(alpha.data(), static_cast<Eigen::Index>(alpha.size())));
      if (term.coefficients.back().size() != term.sparse_points.back().rows() ||
          (term.sparse_points.back().rows() > 0 && term.sparse_points.back().cols() != built.descriptor->dimension())) {
        fail(channel + ": sparse points and coefficients do not match the descriptor");
      }
    }
  }

  std::string path_;
  hdf5::Handle file_;
};

}  // namespace

void write_model_file(const std::string& path, const GapModel& model, MPI_Comm comm) {
  const std::string partial = path + ".partial";
  {
    const hdf5::Handle file = hdf5::create_parallel(partial, comm);
    write_contents(file, model, comm);
  }
  MPI_Barrier(comm);
  int failed = 0;
  if (rank_of(comm) == 0) failed = std::rename(partial.c_str(), path.c_str()) != 0;
  MPI_Bcast(&failed, 1, MPI_INT, 0, comm);
  if (failed) throw InputError(path + ": cannot rename " + partial + " to it");
}

GapModel read_model_file(const std::string& path) { return ModelReader(path).read(); }

}  // namespace hykal::gap
