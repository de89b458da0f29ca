#include "hykal/gap/gap_fit_config.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/e0.hpp"
#include "hykal/gap/libatoms_random.hpp"
#include "hykal/io/periodic_table.hpp"

#include <array>
#include <charconv>
#include <set>

namespace hykal::gap {

namespace {

// Shortest decimal that reads back as the same double (Fortran reads "1e-12" and "4.91" alike).
std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// The descriptor_values keys each descriptor reads (term_settings.cpp); any other key would be
// passed on to gap_fit, which would ignore it without a word.
const std::set<std::string>& known_values(const std::string& descriptor) {
  static const std::set<std::string> two_body{"cutoff", "cutoff_transition_width"};
  static const std::set<std::string> soap{"cutoff", "cutoff_transition_width", "l_max", "n_max", "atom_sigma"};
  return descriptor == "soap" ? soap : two_body;
}

void check_term(const TermSettings& term, const std::vector<int>& species) {
  build_term(term, species);  // descriptor, covariance and their values, as the built-in fit checks them
  for (const auto& [name, value] : term.descriptor_values) {
    if (!known_values(term.descriptor).count(name))
      throw InputError("gap." + term.descriptor + "_" + name + ": not a setting of the " + term.descriptor + " descriptor");
  }
  if (term.n_sparse < 1)
    throw InputError("gap." + term.descriptor + "_n_sparse: must be at least 1, got " + std::to_string(term.n_sparse));
  if (term.sparse_method != "uniform" && term.sparse_method != "cur")
    throw InputError("gap." + term.descriptor + ": unknown sparse method '" + term.sparse_method + "' (uniform, cur)");
}

std::string descriptor_text(const TermSettings& term) {
  const auto value = [&](const char* name) { return number(term.descriptor_values.at(name)); };
  std::string text = term.descriptor == "soap"
                         ? "soap l_max=" + value("l_max") + " n_max=" + value("n_max") + " atom_sigma=" + value("atom_sigma")
                         : std::string("distance_Nb order=2");
  text += " cutoff=" + value("cutoff") + " cutoff_transition_width=" + value("cutoff_transition_width");
  text += term.covariance == "dot_product" ? " covariance_type=dot_product zeta=" + number(term.covariance_parameter)
                                           : " covariance_type=ard_se theta_uniform=" + number(term.covariance_parameter);
  text += " delta=" + number(term.delta) + " n_sparse=" + std::to_string(term.n_sparse);
  text += std::string(" sparse_method=") + (term.sparse_method == "cur" ? "cur_points" : "uniform") + " add_species=T";
  return text;
}

// e0 as gap_fit takes it: e0_method for isolated and average, else e0={El:value:El:value}.
std::string e0_text(const E0Settings& e0, const std::vector<int>& species) {
  if (e0.method == "isolated" || e0.method == "average") return "e0_method=" + e0.method;
  std::string values;
  for (int z : species) {
    const auto found = e0.values.find(z);
    if (found == e0.values.end()) throw InputError("gap.e0: no value for " + std::string(io::element_symbol(z)));
    values += (values.empty() ? "" : ":") + std::string(io::element_symbol(z)) + ":" + number(found->second);
  }
  return "e0={" + values + "}";
}

}  // namespace

const std::string& quip_readable_path(const std::string& path) {
  if (path.empty() || path.find_first_of(" \t\n\"'{}=") != std::string::npos)
    throw InputError("gap.backend = quip: the file name '" + path +
                     "' cannot be passed to gap_fit or quip (no white space, quotes, braces or '=')");
  return path;
}

std::string gap_fit_descriptor_text(const std::vector<TermSettings>& terms, const std::vector<int>& species) {
  std::string text;
  for (const TermSettings& term : terms) {
    check_term(term, species);
    text += (text.empty() ? "" : " : ") + descriptor_text(term);
  }
  return text;
}

std::string gap_fit_config_text(const FitSettings& settings, const std::vector<int>& species, const GapFitFiles& files) {
  check_fit_settings(settings);
  // A channel without a σ has no observations in the training file (quip_backend.cpp removes
  // them), so its σ is never read; gap_fit still wants four numbers (the last for Hessians).
  const double unused = 0.0;
  std::string text;
  text += "at_file=" + quip_readable_path(files.training_file) + "\n";
  text += "gap={" + gap_fit_descriptor_text(settings.terms, species) + "}\n";
  text += e0_text(settings.e0, species) + "\n";
  text += "default_sigma={" + number(settings.sigma_energy) + " " + number(settings.sigma_force.value_or(unused)) + " " +
          number(settings.sigma_virial.value_or(unused)) + " " + number(unused) + "}\n";
  text += "sparse_jitter=" + number(settings.sparse_jitter) + "\n";
  text += "energy_parameter_name=energy\nforce_parameter_name=forces\nvirial_parameter_name=virial\n";
  text += "config_type_parameter_name=config_type\n";
  // gap_fit's generator state is a default (32-bit) Fortran integer and must not start at 0.
  if (settings.seed < 1 || settings.seed >= static_cast<std::uint64_t>(libatoms_random_modulus)) {
    throw InputError("gap.seed: must be in 1 … " + std::to_string(libatoms_random_modulus - 1) + " for gap_fit");
  }
  text += "rnd_seed=" + std::to_string(settings.seed) + "\n";
  text += "sparse_separate_file=F\n";
  text += "gp_file=" + quip_readable_path(files.potential_file) + "\n";
  return text;
}

}  // namespace hykal::gap
