#include "hykal/app/learning_outputs.hpp"

#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace hykal::app {
namespace {

namespace hdf5 = io::hdf5;

// Every rank holds the same values; rank 0 writes them.
void write_replicated(hid_t location, const std::string& path, hid_t type, std::size_t rows, const void* data, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  hdf5::write_rows(location, path, type, rows, 0, 0, rank == 0 ? rows : 0, data);
}

void write_indices(hid_t location, const std::string& path, const std::vector<std::size_t>& frames, MPI_Comm comm) {
  const std::vector<long long> values(frames.begin(), frames.end());
  write_replicated(location, path, H5T_NATIVE_LLONG, values.size(), values.data(), comm);
}

void write_texts(hid_t location, const std::string& path, const std::vector<std::string>& texts, MPI_Comm comm) {
  std::size_t longest = 1;
  for (const std::string& t : texts) longest = std::max(longest, t.size());
  std::vector<char> packed(texts.size() * longest, '\0');
  for (std::size_t i = 0; i < texts.size(); ++i) texts[i].copy(packed.data() + i * longest, longest);
  hdf5::Handle type = hdf5::fixed_string_type(longest);
  write_replicated(location, path, type, texts.size(), packed.data(), comm);
}

const char* status_codes = "0 ok, 1 failed (an exception on a rank of its group), 2 non-finite error, 3 timeout";

void write_fits(hid_t group, const learning::LearningOutcome& outcome, const learning::SearchSpace& space, MPI_Comm comm) {
  std::vector<std::string> columns = {"iteration", "proposal"};
  std::string units = "energy_rmse: meV/atom; force_rmse: eV/Å; seconds: s";
  for (const learning::Parameter& p : space.parameters()) columns.push_back(p.name);
  for (const char* c : {"energy_rmse", "force_rmse", "seconds", "group", "status"}) columns.push_back(c);
  std::vector<std::vector<double>> rows;
  std::vector<std::string> reasons;
  for (const learning::FitRecord& f : outcome.fits) {
    std::vector<double> row = {static_cast<double>(f.iteration), static_cast<double>(f.proposal)};
    row.insert(row.end(), f.hyperparameters.begin(), f.hyperparameters.end());
    row.insert(row.end(), {1000.0 * f.result.errors.energy_rmse, f.result.errors.force_rmse, f.result.seconds,
                           static_cast<double>(f.result.group), static_cast<double>(f.result.status)});
    rows.push_back(row);
    reasons.push_back(f.result.status == learning::FitStatus::ok ? "ok"
                                                                 : std::string(learning::status_text(f.result.status)) + ": " + f.result.reason);
  }
  hdf5::write_table(group, "fits", columns, rows, comm, units);
  hdf5::Handle fits(H5Dopen2(group, "fits", H5P_DEFAULT));
  hdf5::write_string_attribute(fits, "status_codes", status_codes);
  write_texts(group, "fit_status", reasons, comm);
}

void write_iterations(hid_t group, const learning::LearningOutcome& outcome, MPI_Comm comm) {
  std::vector<std::vector<double>> rows;
  for (const learning::IterationSummary& it : outcome.iterations)
    rows.push_back({static_cast<double>(it.iteration), it.percent, static_cast<double>(it.n_train), static_cast<double>(it.n_test),
                    it.best_fit ? static_cast<double>(*it.best_fit) : -1.0, 1000.0 * it.best.energy_rmse, it.best.force_rmse});
  hdf5::write_table(group, "iterations",
                    {"iteration", "percent", "n_train", "n_test", "best_fit", "energy_rmse", "force_rmse"}, rows, comm,
                    "percent: %; energy_rmse: meV/atom (best test RMSE of the iteration); force_rmse: eV/Å (of that fit); "
                    "best_fit: row of /fits");
}

}  // namespace

LearningPaths learning_paths(const std::string& results, learning::SamplingMode sampling) {
  LearningPaths paths;
  paths.group = sampling == learning::SamplingMode::random ? "learning_random" : "learning";
  std::filesystem::path stem(results);
  if (stem.extension() == ".h5") stem.replace_extension();
  const std::string base = stem.string() + "." + paths.group;
  paths.checkpoint = base + ".checkpoint.h5";
  paths.model = base + ".gap.h5";
  paths.training_set = base + ".training.xyz";
  return paths;
}

LearningCurve stored_learning_curve(const std::string& path, const std::string& group) {
  LearningCurve curve;
  if (!std::filesystem::is_regular_file(path) || H5Fis_hdf5(path.c_str()) <= 0) return curve;
  try {
    hdf5::Handle file = hdf5::open_read_only(path);
    const std::string table = group + "/iterations";
    if (!hdf5::exists(file, table)) return curve;
    hdf5::Handle dataset(H5Dopen2(file, table.c_str(), H5P_DEFAULT));
    hdf5::Handle space(H5Dget_space(dataset));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    for (auto [column, values] : {std::pair{"n_train", &curve.n_train}, std::pair{"energy_rmse", &curve.energy_rmse}}) {
      hdf5::Handle type(H5Tcreate(H5T_COMPOUND, sizeof(double)));
      H5Tinsert(type, column, 0, H5T_NATIVE_DOUBLE);
      values->resize(n);
      if (H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values->data()) < 0) return {};
    }
    for (double& e : curve.energy_rmse) e /= 1000.0;  // stored in meV/atom
  } catch (const InputError&) {
    return {};  // not a results file of ours: no curve to compare with
  }
  return curve;
}

void write_learning_group(hid_t file, const LearningPaths& paths, const learning::LearningOutcome& outcome,
                          const learning::SearchSpace& space, double e_tol, double wall_seconds, MPI_Comm comm) {
  hdf5::Handle group = hdf5::require_group(file, paths.group);
  hdf5::write_integer_attribute(group, "status", outcome.converged ? 0 : 1);
  hdf5::write_string_attribute(group, "status_text", outcome.converged ? "converged: best test energy RMSE ≤ e_tol"
                                                                       : "data set used up without meeting e_tol");
  hdf5::write_string_attribute(group, "status_codes", "0 converged, 1 data set used up without meeting e_tol");
  hdf5::write_string_attribute(group, "sampling", paths.group == "learning" ? "clusters" : "random");
  hdf5::write_double_attribute(group, "e_tol_meV_per_atom", 1000.0 * e_tol);
  hdf5::write_double_attribute(group, "wall_seconds", wall_seconds);
  hdf5::write_string_attribute(group, "model_file", paths.model);
  hdf5::write_string_attribute(group, "training_set_file", paths.training_set);
  write_iterations(group, outcome, comm);
  write_fits(group, outcome, space, comm);
  write_indices(group, "training_set", outcome.sets.training, comm);
  write_indices(group, "test_set", outcome.sets.test, comm);
  hdf5::Handle best = hdf5::require_group(group, "hyperparameters");
  for (std::size_t i = 0; i < space.dimension(); ++i)
    hdf5::write_double_attribute(best, space.parameters()[i].name, outcome.hyperparameters[i]);
  hdf5::Handle unused = hdf5::require_group(group, "unused_errors");
  hdf5::write_double_attribute(unused, "energy_rmse_meV_per_atom", 1000.0 * outcome.unused_errors.energy_rmse);
  hdf5::write_double_attribute(unused, "force_rmse_eV_per_A", outcome.unused_errors.force_rmse);
  hdf5::write_integer_attribute(unused, "n_frames", static_cast<long long>(outcome.n_unused));
}

std::string learning_summary(const learning::LearningOutcome& outcome, double wall_seconds) {
  std::string text = " iteration   I (%)  N_train  N_test   best test RMSE E (meV/atom)   F (eV/Å)\n";
  char line[200];
  for (const learning::IterationSummary& it : outcome.iterations) {
    std::snprintf(line, sizeof line, " %9zu %7.1f %8zu %7zu %29.3f %10.4f\n", it.iteration, it.percent, it.n_train, it.n_test,
                  1000.0 * it.best.energy_rmse, it.best.force_rmse);
    text += line;
  }
  const std::size_t n_train = outcome.iterations.back().n_train;
  text += "final potential (" + std::string(outcome.converged ? "E_tol met" : "E_tol not met, whole data set used") +
          "), errors on the " + std::to_string(outcome.n_unused) + " frames not used to train it:\n";
  text += "   N_train   fraction of the data set   RMSE E (meV/atom)   RMSE F (eV/Å)   wall time (s)\n";
  std::snprintf(line, sizeof line, " %9zu %24.1f %% %19.3f %15.4f %15.1f\n", n_train,
                100.0 * static_cast<double>(n_train) / static_cast<double>(outcome.n_clustered), 1000.0 * outcome.unused_errors.energy_rmse,
                outcome.unused_errors.force_rmse, wall_seconds);
  text += line;
  return text;
}

}  // namespace hykal::app
