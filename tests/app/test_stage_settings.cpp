// Stage settings are parsed and checked from the configuration alone, before any frame is read:
// one bad value of each option kind (number, integer, choice, list, auto-or-number) is an
// InputError naming its key, and quantities reported by lower stages are mapped to their keys.
// References: the option table's kinds and the ranges documented in docs/configuration.md.
#include "hykal/app/configuration.hpp"
#include "hykal/app/stage_settings.hpp"
#include "hykal/error.hpp"
#include "hykal/gap/gap_settings.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using hykal::app::Configuration;
using hykal::app::stage_settings;

namespace {

// The message stage_settings gives for the overridden keys, "" when it accepts them.
std::string settings_error(const std::map<std::string, std::vector<std::string>>& overrides) {
  try {
    stage_settings(Configuration::load("", overrides));
  } catch (const hykal::InputError& error) {
    return error.what();
  }
  return "";
}

std::string error_for(const std::string& key, const std::string& value) { return settings_error({{key, {value}}}); }

void check_rejected(const std::string& key, const std::string& value) {
  INFO(key << " = " << value);
  CHECK_THAT(error_for(key, value), Catch::StartsWith("option " + key + ":"));
}

}  // namespace

TEST_CASE("the defaults give valid settings", "[app][settings]") {
  const auto settings = stage_settings(Configuration::load("", {}));
  CHECK(settings.descriptors.soap.species.empty());  // auto
  CHECK(settings.descriptors.coulomb.n_atoms_max == 0);  // auto
  CHECK(settings.kernels.soap.gamma == 0.0);  // auto
  CHECK(!settings.parallel.grid);
  CHECK(settings.parallel.block_size == 64);
  CHECK(settings.clustering.deltas.size() == 11);  // scan with step 0.1: 0, 0.1, …, 1
  CHECK(!settings.clustering.max_clusters);
}

TEST_CASE("a bad number names its key", "[app][settings]") {
  check_rejected("soap.r_cut", "abc");
  check_rejected("soap.r_cut", "-1");
  check_rejected("soap.sigma", "0");
  check_rejected("kernel.soap_coef0", "-1");
  check_rejected("clustering.d_tol", "0");
  check_rejected("clustering.delta_step", "2");
}

TEST_CASE("a bad integer names its key", "[app][settings]") {
  check_rejected("soap.n_max", "1.5");
  check_rejected("soap.n_max", "0");
  check_rejected("soap.l_max", "21");
  check_rejected("kernel.soap_degree", "0");
  check_rejected("parallel.block_size", "0");
  check_rejected("parallel.block_size", "-64");
  check_rejected("clustering.min_clusters", "1");
}

TEST_CASE("a bad choice names its key", "[app][settings]") {
  check_rejected("soap.rbf", "gaussian");
  check_rejected("kernel.soap_form", "pairwise");
  check_rejected("parallel.eigensolver", "ELPA2");
  check_rejected("clustering.assign_labels", "qr");
  check_rejected("parallel.grid", "2xq");
  check_rejected("parallel.grid", "0x2");
  check_rejected("clustering.delta", "half");
}

TEST_CASE("a bad list names its key", "[app][settings]") {
  check_rejected("soap.species", "Si Xx");
  check_rejected("soap.species", "");
  CHECK(stage_settings(Configuration::load("", {{"soap.species", {"O Si O"}}})).descriptors.soap.species ==
        std::vector<int>{8, 14});
}

TEST_CASE("a bad auto-or-number names its key", "[app][settings]") {
  check_rejected("kernel.soap_gamma", "abc");
  check_rejected("kernel.soap_gamma", "-0.5");
  check_rejected("kernel.soap_gamma", "1e300");  // (γ x·y + c0)^4 would overflow to inf
  check_rejected("kernel.coulomb_gamma", "abc");
  check_rejected("kernel.coulomb_gamma", "-1");
  check_rejected("coulomb.n_atoms_max", "many");
  check_rejected("coulomb.n_atoms_max", "0");
  check_rejected("clustering.max_clusters", "abc");
  CHECK(stage_settings(Configuration::load("", {{"kernel.soap_gamma", {"0.25"}}})).kernels.soap.gamma == 0.25);
}

TEST_CASE("the Coulomb rows form needs the matrix, not its eigenspectrum", "[app][settings]") {
  // The eigenspectrum is n_atoms_max values per frame (docs/descriptors.md), not n_atoms_max rows.
  const auto error = [](const std::string& permutation, const std::string& form) {
    return settings_error({{"coulomb.permutation", {permutation}}, {"kernel.coulomb_form", {form}}});
  };
  CHECK_THAT(error("eigenspectrum", "rows"), Catch::StartsWith("option kernel.coulomb_form:") &&
                                                 Catch::Contains("eigenspectrum"));
  CHECK(error("eigenspectrum", "global").empty());
  CHECK(error("sorted_l2", "rows").empty());
  CHECK(error("none", "rows").empty());
}

TEST_CASE("limits that need both cluster counts are checked together", "[app][settings]") {
  const auto error = [](const std::string& min, const std::string& max) {
    return settings_error({{"clustering.min_clusters", {min}}, {"clustering.max_clusters", {max}}});
  };
  CHECK_THAT(error("5", "3"), Catch::StartsWith("option clustering.min_clusters:"));
  CHECK(error("2", "3").empty());
}

TEST_CASE("the [gap] defaults are the authors' converged settings", "[app][settings][gap]") {
  // Reference: METHOD.md §7 and INTERFACE.md [gap] (2b: cutoff 4.91 Å, δ 0.29, θ 1.0 Å, 20 sparse
  // points; SOAP: l_max 5, n_max 6, atom_sigma 0.4 Å, ζ 4, δ 0.29; σ 0.001, 0.05, 0.05; jitter 1e-12).
  const hykal::gap::FitSettings fit = hykal::gap::fit_settings(stage_settings(Configuration::load("", {})).gap);
  REQUIRE(fit.terms.size() == 2);
  const auto& two_body = fit.terms[0];
  const auto& soap = fit.terms[1];
  CHECK(two_body.descriptor == "two_body");
  CHECK(two_body.descriptor_values.at("cutoff") == 4.91);
  CHECK(two_body.descriptor_values.at("cutoff_transition_width") == 1.0);
  CHECK(two_body.covariance_parameter == 1.0);
  CHECK(two_body.delta == 0.29);
  CHECK(two_body.n_sparse == 20);
  CHECK(two_body.sparse_method == "uniform");
  CHECK(soap.descriptor == "soap");
  CHECK(soap.descriptor_values.at("l_max") == 5);
  CHECK(soap.descriptor_values.at("n_max") == 6);
  CHECK(soap.descriptor_values.at("atom_sigma") == 0.4);
  CHECK(soap.covariance == "dot_product");
  CHECK(soap.covariance_parameter == 4);
  CHECK(soap.delta == 0.29);
  CHECK(soap.sparse_method == "cur");
  CHECK(fit.sigma_energy == 0.001);
  CHECK(fit.sigma_force == 0.05);
  CHECK(fit.sigma_virial == 0.05);
  CHECK(fit.sparse_jitter == 1e-12);
  CHECK(fit.e0.method == "isolated");
}

TEST_CASE("a bad [gap] value names its key", "[app][settings][gap]") {
  check_rejected("gap.cutoff", "0");
  check_rejected("gap.cutoff_transition_width", "6");
  check_rejected("gap.two_body_theta", "-1");
  check_rejected("gap.two_body_delta", "0");
  check_rejected("gap.two_body_n_sparse", "-3");
  check_rejected("gap.soap_l_max", "21");
  check_rejected("gap.soap_n_max", "0");
  check_rejected("gap.soap_atom_sigma", "0");
  check_rejected("gap.soap_zeta", "0");
  check_rejected("gap.soap_delta", "-0.3");
  check_rejected("gap.sigma_energy", "0");
  check_rejected("gap.sigma_force", "zero");
  check_rejected("gap.sigma_virial", "-1");
  check_rejected("gap.sparse_jitter", "-1e-12");
  check_rejected("gap.e0", "As=-2.1");
  check_rejected("gap.seed", "-1");
  check_rejected("gap.seed", "0");           // gap_fit's generator cannot start from 0
  check_rejected("gap.seed", "2147483647");  // nor from 2³¹ − 1, which is 0 modulo itself
  check_rejected("gap.fit_timeout", "-5");
}

TEST_CASE("[gap] switches: σ none, a term off, explicit e0", "[app][settings][gap]") {
  const auto settings = stage_settings(Configuration::load(
      "", {{"gap.sigma_force", {"none"}}, {"gap.soap_n_sparse", {"0"}}, {"gap.e0", {"As:-2.5 Te:-1.25"}}}));
  const hykal::gap::FitSettings fit = hykal::gap::fit_settings(settings.gap);
  CHECK(!fit.sigma_force);
  REQUIRE(fit.terms.size() == 1);
  CHECK(fit.terms[0].descriptor == "two_body");
  CHECK(fit.e0.method == "explicit");
  CHECK(fit.e0.values == std::map<int, double>{{33, -2.5}, {52, -1.25}});
  CHECK_THAT(settings_error({{"gap.two_body_n_sparse", {"0"}}, {"gap.soap_n_sparse", {"0"}}}),
             Catch::StartsWith("option gap: no descriptor term"));
}
