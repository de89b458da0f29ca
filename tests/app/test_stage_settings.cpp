// Stage settings are parsed and checked from the configuration alone, before any frame is read:
// one bad value of each option kind (number, integer, choice, list, auto-or-number) is an
// InputError naming its key, and quantities reported by lower stages are mapped to their keys.
// References: the option table's kinds and the ranges documented in docs/configuration.md.
#include "hykal/app/configuration.hpp"
#include "hykal/app/stage_settings.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

#include <string>

using hykal::app::Configuration;
using hykal::app::stage_settings;

namespace {

// The message stage_settings gives for one overridden key, "" when it accepts the value.
std::string error_for(const std::string& key, const std::string& value) {
  try {
    stage_settings(Configuration::load("", {{key, {value}}}));
  } catch (const hykal::InputError& error) {
    return error.what();
  }
  return "";
}

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

TEST_CASE("limits that need both cluster counts are checked together", "[app][settings]") {
  const auto error = [](const std::string& min, const std::string& max) {
    try {
      stage_settings(Configuration::load("", {{"clustering.min_clusters", {min}}, {"clustering.max_clusters", {max}}}));
    } catch (const hykal::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error("5", "3"), Catch::StartsWith("option clustering.min_clusters:"));
  CHECK(error("2", "3").empty());
}
