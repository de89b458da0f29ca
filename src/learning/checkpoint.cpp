#include "hykal/learning/checkpoint.hpp"

#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include <cstdio>
#include <filesystem>

namespace hykal::learning {
namespace {

namespace h5 = io::hdf5;

const char* const format = "hykal learning checkpoint 1";
const char separator = '\x1f';  // ASCII unit separator: never part of a key, value or message

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? std::string(1, separator) : std::string()) + parts[i];
  return text;
}

std::vector<std::string> split(const std::string& text, std::size_t count) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t end = i + 1 < count ? text.find(separator, start) : std::string::npos;
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end + 1;
  }
  return parts;
}

void write_matrix(hid_t file, const std::string& path, const Eigen::MatrixXd& m) {
  const RowMajor rows = m;
  h5::write_rows(file, path, H5T_NATIVE_DOUBLE, static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols()), 0,
                 static_cast<hsize_t>(m.rows()), rows.data());
}

void write_vector(hid_t file, const std::string& path, const std::vector<double>& v) {
  h5::write_rows(file, path, H5T_NATIVE_DOUBLE, v.size(), 0, 0, v.size(), v.data());
}

void write_integers(hid_t file, const std::string& path, const std::vector<long long>& v) {
  h5::write_rows(file, path, H5T_NATIVE_LLONG, v.size(), 0, 0, v.size(), v.data());
}

Eigen::MatrixXd read_matrix(hid_t file, const std::string& path) {
  const h5::DoubleArray a = h5::read_doubles(file, path);
  const auto rows = static_cast<Eigen::Index>(a.shape.at(0));
  const auto cols = static_cast<Eigen::Index>(a.shape.size() > 1 ? a.shape[1] : 1);
  return Eigen::Map<const RowMajor>(a.values.data(), rows, cols);
}

template <class T>
std::vector<long long> as_integers(const std::vector<T>& v) {
  return std::vector<long long>(v.begin(), v.end());
}

std::vector<std::size_t> read_indices(hid_t file, const std::string& path) {
  const std::vector<long long> v = h5::read_integers(file, path);
  return std::vector<std::size_t>(v.begin(), v.end());
}

void write_signature(hid_t file, const Signature& signature) {
  std::vector<std::string> names, values;
  for (const auto& [name, value] : signature) {
    names.push_back(name);
    values.push_back(value);
  }
  h5::write_integer_attribute(file, "signature_entries", static_cast<long long>(signature.size()));
  h5::write_string_attribute(file, "signature_names", joined(names));
  h5::write_string_attribute(file, "signature_values", joined(values));
}

Signature read_signature(hid_t file) {
  const auto n = static_cast<std::size_t>(h5::read_double_attribute(file, "signature_entries"));
  const auto names = split(h5::read_string_attribute(file, "signature_names"), n);
  const auto values = split(h5::read_string_attribute(file, "signature_values"), n);
  Signature signature;
  for (std::size_t i = 0; i < n; ++i) signature.emplace_back(names[i], values[i]);
  return signature;
}

const std::string* find(const Signature& signature, const std::string& name) {
  for (const auto& entry : signature)
    if (entry.first == name) return &entry.second;
  return nullptr;
}

void check_signature(const std::string& path, const Signature& stored, const Signature& expected) {
  std::string differences;
  const auto add = [&](const std::string& text) { differences += (differences.empty() ? "" : "; ") + text; };
  for (const auto& [name, value] : expected) {
    const std::string* there = find(stored, name);
    if (!there) add(name + " is '" + value + "' here but absent from the checkpoint");
    else if (*there != value) add(name + " is '" + value + "' here but '" + *there + "' in the checkpoint");
  }
  for (const auto& [name, value] : stored)
    if (!find(expected, name)) add(name + " is absent here but '" + value + "' in the checkpoint");
  if (!differences.empty())
    throw InputError(path + " is the checkpoint of another run, not resumed: " + differences);
}

void write_fits(hid_t file, const std::vector<FitRecord>& fits) {
  std::vector<long long> iteration, proposal, status, group;
  std::vector<double> energy, force, seconds;
  std::vector<std::string> reasons;
  const Eigen::Index d = fits.empty() ? 0 : static_cast<Eigen::Index>(fits.front().hyperparameters.size());
  Eigen::MatrixXd hyperparameters(static_cast<Eigen::Index>(fits.size()), d);
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const FitRecord& f = fits[i];
    iteration.push_back(static_cast<long long>(f.iteration));
    proposal.push_back(static_cast<long long>(f.proposal));
    status.push_back(static_cast<long long>(f.result.status));
    group.push_back(f.result.group);
    energy.push_back(f.result.errors.energy_rmse);
    force.push_back(f.result.errors.force_rmse);
    seconds.push_back(f.result.seconds);
    reasons.push_back(f.result.reason);
    HYKAL_ASSERT(static_cast<Eigen::Index>(f.hyperparameters.size()) == d, "fits of different dimensions");
    for (Eigen::Index k = 0; k < d; ++k) hyperparameters(static_cast<Eigen::Index>(i), k) = f.hyperparameters[static_cast<std::size_t>(k)];
  }
  h5::Handle g = h5::require_group(file, "fits");
  write_integers(g, "iteration", iteration);
  write_integers(g, "proposal", proposal);
  write_integers(g, "status", status);
  write_integers(g, "group", group);
  write_vector(g, "energy_rmse", energy);
  write_vector(g, "force_rmse", force);
  write_vector(g, "seconds", seconds);
  write_matrix(g, "hyperparameters", hyperparameters);
  h5::write_string_attribute(g, "reasons", joined(reasons));
}

std::vector<FitRecord> read_fits(hid_t file) {
  h5::Handle g(H5Gopen2(file, "fits", H5P_DEFAULT));
  const auto iteration = h5::read_integers(g, "iteration");
  const auto proposal = h5::read_integers(g, "proposal");
  const auto status = h5::read_integers(g, "status");
  const auto group = h5::read_integers(g, "group");
  const auto energy = h5::read_doubles(g, "energy_rmse").values;
  const auto force = h5::read_doubles(g, "force_rmse").values;
  const auto seconds = h5::read_doubles(g, "seconds").values;
  const Eigen::MatrixXd hyperparameters = read_matrix(g, "hyperparameters");
  const auto reasons = split(h5::read_string_attribute(g, "reasons"), iteration.size());
  std::vector<FitRecord> fits(iteration.size());
  for (std::size_t i = 0; i < fits.size(); ++i) {
    FitRecord& f = fits[i];
    f.iteration = static_cast<std::size_t>(iteration[i]);
    f.proposal = static_cast<std::size_t>(proposal[i]);
    f.result = FitResult{static_cast<FitStatus>(status[i]), reasons[i], {energy[i], force[i]}, seconds[i],
                         static_cast<int>(group[i])};
    const Eigen::VectorXd row = hyperparameters.row(static_cast<Eigen::Index>(i)).transpose();
    f.hyperparameters.assign(row.data(), row.data() + row.size());
  }
  return fits;
}

void write_optimiser(hid_t file, const BayesianOptimiserState& state) {
  h5::Handle g = h5::require_group(file, "optimiser");
  write_matrix(g, "design", state.design);
  const auto n = static_cast<Eigen::Index>(state.evaluations.size());
  Eigen::MatrixXd units(n, state.design.cols());
  std::vector<long long> outcome;
  std::vector<double> value;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Evaluation& e = state.evaluations[static_cast<std::size_t>(i)];
    units.row(i) = e.unit.transpose();
    outcome.push_back(static_cast<long long>(e.outcome));
    value.push_back(e.value);
  }
  write_matrix(g, "units", units);
  write_integers(g, "outcome", outcome);
  write_vector(g, "value", value);
  const Eigen::VectorXd& theta = state.surrogate_hyperparameters;
  write_vector(g, "surrogate_hyperparameters", std::vector<double>(theta.data(), theta.data() + theta.size()));
  h5::write_integer_attribute(g, "surrogate_observations", static_cast<long long>(state.surrogate_observations));
  h5::write_string_attribute(g, "random_state", state.random_state);
}

BayesianOptimiserState read_optimiser(hid_t file) {
  h5::Handle g(H5Gopen2(file, "optimiser", H5P_DEFAULT));
  BayesianOptimiserState state;
  state.design = read_matrix(g, "design");
  const Eigen::MatrixXd units = read_matrix(g, "units");
  const auto outcome = h5::read_integers(g, "outcome");
  const auto value = h5::read_doubles(g, "value").values;
  for (std::size_t i = 0; i < outcome.size(); ++i)
    state.evaluations.push_back(
        Evaluation{units.row(static_cast<Eigen::Index>(i)).transpose(), static_cast<Outcome>(outcome[i]), value[i]});
  const auto theta = h5::read_doubles(g, "surrogate_hyperparameters").values;
  state.surrogate_hyperparameters = Eigen::Map<const Eigen::VectorXd>(theta.data(), static_cast<Eigen::Index>(theta.size()));
  state.surrogate_observations = static_cast<std::size_t>(h5::read_double_attribute(g, "surrogate_observations"));
  state.random_state = h5::read_string_attribute(g, "random_state");
  return state;
}

}  // namespace

void write_checkpoint(const std::string& path, const Signature& signature, const LoopState& state) {
  const std::string temporary = path + ".tmp";
  {
    h5::Handle file = h5::create_parallel(temporary, MPI_COMM_SELF);
    h5::write_string_attribute(file, "format", format);
    write_signature(file, signature);
    h5::write_integer_attribute(file, "iteration", static_cast<long long>(state.iteration));
    write_integers(file, "training_set", as_integers(state.sets.training));
    write_integers(file, "test_set", as_integers(state.sets.test));
    write_fits(file, state.fits);
    write_optimiser(file, state.optimiser);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    throw InputError(path + ": cannot rename the new checkpoint " + temporary + " into place");
}

LoopState read_checkpoint(const std::string& path, const Signature& signature) {
  if (!std::filesystem::exists(path)) throw InputError(path + ": no checkpoint to resume from");
  h5::Handle file = h5::open_read_only(path);
  if (!h5::exists(file, "optimiser") || h5::read_string_attribute(file, "format") != format)
    throw InputError(path + ": not a hykal learning checkpoint");
  check_signature(path, read_signature(file), signature);
  LoopState state;
  state.iteration = static_cast<std::size_t>(h5::read_double_attribute(file, "iteration"));
  state.sets.training = read_indices(file, "training_set");
  state.sets.test = read_indices(file, "test_set");
  state.fits = read_fits(file);
  state.optimiser = read_optimiser(file);
  return state;
}

}  // namespace hykal::learning
