#include "hykal/app/stage_settings.hpp"

#include "hykal/clustering/delta_scan.hpp"
#include "hykal/clustering/label_assignment.hpp"
#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/learning/gap_search_space.hpp"

#include <cstdio>
#include <filesystem>
#include <utility>

namespace hykal::app {
namespace {

using KeyOfQuantity = std::vector<std::pair<std::string, std::string>>;

const KeyOfQuantity cluster_keys = {{"delta", "clustering.delta"},         {"delta step", "clustering.delta_step"},
                                    {"d_tol", "clustering.d_tol"},         {"min_clusters", "clustering.min_clusters"},
                                    {"max_clusters", "clustering.max_clusters"},
                                    {"label assignment", "clustering.assign_labels"}};

// Runs check(); a SettingError about one of the listed quantities becomes an InputError naming
// the configuration key that set it.
template <typename Check>
void with_keys(const KeyOfQuantity& keys, const Check& check) {
  try {
    check();
  } catch (const SettingError& error) {
    for (const auto& [quantity, key] : keys)
      if (quantity == error.quantity()) throw InputError("option " + key + ": " + error.problem());
    throw;
  }
}

// "auto" → 0 (the stage's automatic value), else a positive finite number.
double positive_or_auto(const Configuration& configuration, const std::string& key) {
  const std::string value = configuration.text(key);
  if (value == "auto") return 0.0;
  const double number = parse_real(key, value);
  if (!(number > 0.0)) throw InputError("option " + key + ": must be a positive number or auto, got " + value);
  return number;
}

int positive_integer(const Configuration& configuration, const std::string& key) {
  const long long number = configuration.integer(key);
  if (number < 1 || number > 1'000'000'000)
    throw InputError("option " + key + ": must be a positive integer, got " + std::to_string(number));
  return static_cast<int>(number);
}

std::optional<int> positive_integer_or_auto(const Configuration& configuration, const std::string& key) {
  if (configuration.text(key) == "auto") return std::nullopt;
  return positive_integer(configuration, key);
}

// "auto" or ROWSxCOLS with positive counts.
std::optional<parallel::GridShape> grid_of(const std::string& value) {
  if (value == "auto") return std::nullopt;
  parallel::GridShape shape;
  char separator = 0;
  char rest = 0;
  if (std::sscanf(value.c_str(), "%d%c%d%c", &shape.rows, &separator, &shape.cols, &rest) != 3 || separator != 'x' ||
      shape.rows < 1 || shape.cols < 1)
    throw InputError("option parallel.grid: '" + value + "' is neither auto nor ROWSxCOLS (e.g. 2x4)");
  return shape;
}

// A value that names an existing file is that file, spaces and all; others are lists.
std::vector<std::string> patterns_of(const Configuration& configuration, const std::string& key) {
  std::vector<std::string> patterns;
  for (const std::string& value : configuration.values(key)) {
    if (std::filesystem::is_regular_file(value)) {
      patterns.push_back(value);
      continue;
    }
    for (std::string& word : split_words(value)) patterns.push_back(std::move(word));
  }
  return patterns;
}

DataSettings data_settings(const Configuration& configuration) {
  DataSettings data;
  data.patterns = patterns_of(configuration, "data.files");
  data.read.energy_key = configuration.text("data.energy_key");
  data.read.forces_key = configuration.text("data.forces_key");
  data.read.virial_key = configuration.text("data.virial_key");
  data.label_keys = configuration.list("data.label_keys");
  data.skip_isolated_atoms = configuration.boolean("data.isolated_atoms");
  return data;
}

std::vector<int> configured_species(const Configuration& configuration) {
  const std::vector<std::string> names = configuration.list("soap.species");
  if (names.size() == 1 && names.front() == "auto") return {};
  if (names.empty()) throw InputError("option soap.species: no species given (a list of elements, or auto)");
  std::vector<int> species;
  for (const std::string& name : names) {
    const int z = io::atomic_number(name);
    if (z <= 0) throw InputError("option soap.species: unknown element '" + name + "'");
    species.push_back(z);
  }
  return species;
}

DescriptorStageSettings descriptor_settings(const Configuration& configuration) {
  DescriptorStageSettings settings;
  descriptors::SoapSettings& soap = settings.soap;
  soap.species = configured_species(configuration);
  with_keys({{"radial basis", "soap.rbf"}, {"n_max", "soap.n_max"}, {"l_max", "soap.l_max"}, {"r_cut", "soap.r_cut"},
             {"sigma", "soap.sigma"}, {"species", "soap.species"}, {"permutation", "coulomb.permutation"}},
            [&] {
              soap.basis = descriptors::parse_radial_basis(configuration.text("soap.rbf"));
              soap.n_max = static_cast<int>(configuration.integer("soap.n_max"));
              soap.l_max = static_cast<int>(configuration.integer("soap.l_max"));
              soap.r_cut = configuration.real("soap.r_cut");
              soap.sigma = configuration.real("soap.sigma");
              descriptors::SoapSettings checked = soap;
              if (checked.species.empty()) checked.species = {1};  // auto: resolved from the data
              checked = descriptors::validated(checked);
              if (!soap.species.empty()) soap.species = checked.species;
              settings.coulomb.permutation =
                  descriptors::parse_coulomb_permutation(configuration.text("coulomb.permutation"));
            });
  soap.periodic = configuration.boolean("soap.periodic");
  settings.coulomb.n_atoms_max = positive_integer_or_auto(configuration, "coulomb.n_atoms_max").value_or(0);
  settings.store_soap_per_atom = configuration.boolean("soap.store_per_atom");
  settings.store_coulomb = configuration.boolean("coulomb.store");
  return settings;
}

KernelStageSettings kernel_settings(const Configuration& configuration) {
  KernelStageSettings settings;
  settings.soap_form_name = configuration.text("kernel.soap_form");
  settings.coulomb_form_name = configuration.text("kernel.coulomb_form");
  settings.soap.gamma = positive_or_auto(configuration, "kernel.soap_gamma");
  settings.soap.degree = positive_integer(configuration, "kernel.soap_degree");
  settings.soap.coef0 = configuration.real("kernel.soap_coef0");
  settings.coulomb.gamma = positive_or_auto(configuration, "kernel.coulomb_gamma");
  with_keys({{"SOAP kernel form", "kernel.soap_form"}, {"gamma", "kernel.soap_gamma"},
             {"degree", "kernel.soap_degree"}, {"coef0", "kernel.soap_coef0"},
             {"SOAP projection", "kernel.soap_projection"}},
            [&] {
              settings.soap.form = kernels::parse_soap_kernel_form(settings.soap_form_name);
              settings.soap.projection = kernels::parse_soap_projection(configuration.text("kernel.soap_projection"));
              kernels::check(settings.soap);
            });
  with_keys({{"Coulomb kernel form", "kernel.coulomb_form"}, {"gamma", "kernel.coulomb_gamma"}}, [&] {
    settings.coulomb.form = kernels::parse_coulomb_kernel_form(settings.coulomb_form_name);
    kernels::check(settings.coulomb);
  });
  return settings;
}

ParallelSettings parallel_settings(const Configuration& configuration) {
  ParallelSettings settings;
  settings.grid = grid_of(configuration.text("parallel.grid"));
  settings.block_size = positive_integer(configuration, "parallel.block_size");
  with_keys({{"eigensolver", "parallel.eigensolver"}},
            [&] { settings.eigensolver = parallel::eigensolver_from_name(configuration.text("parallel.eigensolver")); });
  return settings;
}

ClusterStageSettings cluster_settings(const Configuration& configuration, parallel::EigensolverKind eigensolver) {
  ClusterStageSettings settings;
  clustering::SpectralClusteringOptions& options = settings.options;
  with_keys(cluster_keys, [&] {
    settings.deltas =
        clustering::delta_values(configuration.text("clustering.delta"), configuration.real("clustering.delta_step"));
    options.d_tol = configuration.real("clustering.d_tol");
    options.min_clusters = static_cast<int>(configuration.integer("clustering.min_clusters"));
    settings.max_clusters = positive_integer_or_auto(configuration, "clustering.max_clusters");
    options.assign_labels = clustering::label_assignment_from_name(configuration.text("clustering.assign_labels"));
    // The checks that need no frame count: a count above every bound stands in for N.
    clustering::SpectralClusteringOptions checked = options;
    checked.max_clusters = settings.max_clusters.value_or(0);
    clustering::effective_max_clusters(checked, std::max(checked.max_clusters, checked.min_clusters) + 1);
  });
  options.seed = static_cast<std::uint64_t>(configuration.integer("clustering.seed"));
  options.eigensolver = eigensolver;
  settings.map_method = configuration.text("map.method");
  return settings;
}

// "none" or a positive number (an unset σ leaves that kind of observation out of the fit).
std::optional<double> positive_or_none(const Configuration& configuration, const std::string& key) {
  const std::string value = configuration.text(key);
  if (value == "none") return std::nullopt;
  const double number = parse_real(key, value);
  if (!(number > 0.0)) throw InputError("option " + key + ": must be a positive number or none, got " + value);
  return number;
}

int integer_value(const Configuration& configuration, const std::string& key) {
  const long long number = configuration.integer(key);
  if (number < -1'000'000'000 || number > 1'000'000'000)
    throw InputError("option " + key + ": out of range, got " + std::to_string(number));
  return static_cast<int>(number);
}

// The gap stage checks its own values and names the gap.* key; here that becomes "option gap.…".
gap::GapSettings gap_settings(const Configuration& configuration, int block_size) {
  gap::GapSettings settings;
  settings.backend = configuration.text("gap.backend");
  settings.gap_fit = configuration.text("gap.gap_fit");
  settings.quip = configuration.text("gap.quip");
  settings.cutoff = configuration.real("gap.cutoff");
  settings.cutoff_transition_width = configuration.real("gap.cutoff_transition_width");
  settings.two_body_delta = configuration.real("gap.two_body_delta");
  settings.two_body_theta = configuration.real("gap.two_body_theta");
  settings.two_body_n_sparse = integer_value(configuration, "gap.two_body_n_sparse");
  settings.soap_l_max = integer_value(configuration, "gap.soap_l_max");
  settings.soap_n_max = integer_value(configuration, "gap.soap_n_max");
  settings.soap_atom_sigma = configuration.real("gap.soap_atom_sigma");
  settings.soap_zeta = static_cast<double>(integer_value(configuration, "gap.soap_zeta"));
  settings.soap_delta = configuration.real("gap.soap_delta");
  settings.soap_n_sparse = integer_value(configuration, "gap.soap_n_sparse");
  settings.sigma_energy = configuration.real("gap.sigma_energy");
  settings.sigma_force = positive_or_none(configuration, "gap.sigma_force");
  settings.sigma_virial = positive_or_none(configuration, "gap.sigma_virial");
  settings.sparse_jitter = configuration.real("gap.sparse_jitter");
  const long long seed = configuration.integer("gap.seed");
  if (seed < 0) throw InputError("option gap.seed: must not be negative, got " + std::to_string(seed));
  settings.seed = static_cast<std::uint64_t>(seed);
  settings.fit_timeout = configuration.real("gap.fit_timeout");
  settings.block_size = block_size;
  try {
    settings.e0 = gap::parse_e0(configuration.text("gap.e0"));
    gap::check(settings);
  } catch (const InputError& error) {
    throw InputError("option " + std::string(error.what()));
  }
  return settings;
}

LearningStageSettings learning_settings(const Configuration& configuration) {
  LearningStageSettings settings;
  learning::LoopSettings& loop = settings.loop;
  learning::SamplingSchedule& schedule = loop.schedule;
  schedule.initial_percent = configuration.real("learning.i_perc");
  schedule.increment_percent = configuration.real("learning.increment");
  schedule.test_fraction = configuration.real("learning.test_fraction");
  if (!(schedule.initial_percent > 0.0 && schedule.initial_percent <= 100.0))
    throw InputError("option learning.i_perc: must be in (0, 100] %, got " + configuration.text("learning.i_perc"));
  if (!(schedule.increment_percent > 0.0))
    throw InputError("option learning.increment: must be > 0 %, got " + configuration.text("learning.increment"));
  if (!(schedule.test_fraction > 0.0 && schedule.test_fraction < 1.0))
    throw InputError("option learning.test_fraction: must be in (0, 1), got " + configuration.text("learning.test_fraction"));
  loop.e_tol = configuration.real("learning.e_tol");
  if (!(loop.e_tol > 0.0))
    throw InputError("option learning.e_tol: must be > 0 eV/atom, got " + configuration.text("learning.e_tol"));
  loop.sampling = configuration.text("learning.sampling") == "random" ? learning::SamplingMode::random
                                                                       : learning::SamplingMode::clusters;
  loop.sampling_seed = static_cast<std::uint64_t>(configuration.integer("learning.seed"));
  loop.optimiser.n_initial = static_cast<std::size_t>(positive_integer(configuration, "bo.n_initial"));
  loop.optimiser.seed = static_cast<std::uint64_t>(configuration.integer("bo.seed"));
  const long long guided = configuration.integer("bo.n_iterations");
  if (guided < 0) throw InputError("option bo.n_iterations: must be ≥ 0, got " + std::to_string(guided));
  loop.n_guided = static_cast<std::size_t>(guided);
  settings.batch = positive_integer(configuration, "bo.batch");
  settings.search = learning::gap_search_space([&](const std::string& key) { return configuration.text(key); }).parameters();
  return settings;
}

// The rows form averages over the rows of each Coulomb matrix (METHOD.md §2); the eigenspectrum
// is one vector of n_atoms_max eigenvalues per frame, which has no rows (read as a matrix it
// would be cut to the largest square that fits).
void check_coulomb_rows_exist(const DescriptorStageSettings& descriptors, const KernelStageSettings& kernels) {
  if (descriptors.coulomb.permutation == descriptors::CoulombPermutation::eigenspectrum &&
      kernels.coulomb.form == kernels::CoulombKernelForm::rows)
    throw InputError("option kernel.coulomb_form: rows needs the rows of the Coulomb matrices, but coulomb.permutation = "
                     "eigenspectrum gives one vector of eigenvalues per frame (use kernel.coulomb_form = global)");
}

}  // namespace

StageSettings stage_settings(const Configuration& configuration) {
  StageSettings settings;
  settings.data = data_settings(configuration);
  settings.output.results = configuration.text("output.results");
  settings.output.figures = configuration.text("output.figures");
  settings.descriptors = descriptor_settings(configuration);
  settings.kernels = kernel_settings(configuration);
  check_coulomb_rows_exist(settings.descriptors, settings.kernels);
  settings.parallel = parallel_settings(configuration);
  settings.clustering = cluster_settings(configuration, settings.parallel.eigensolver);
  settings.fit = {patterns_of(configuration, "fit.train"), patterns_of(configuration, "fit.test"),
                  configuration.text("fit.model")};
  settings.predict = {configuration.text("predict.model"), configuration.text("predict.output")};
  settings.gap = gap_settings(configuration, settings.parallel.block_size);
  settings.learning = learning_settings(configuration);
  return settings;
}

clustering::SpectralClusteringOptions clustering_options(const ClusterStageSettings& settings, int n_clustered) {
  clustering::SpectralClusteringOptions options = settings.options;
  options.max_clusters = settings.max_clusters.value_or(std::min(n_clustered - 1, 50));
  with_keys(cluster_keys, [&] { clustering::effective_max_clusters(options, n_clustered); });
  return options;
}

}  // namespace hykal::app
