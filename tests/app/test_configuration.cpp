// Configuration: defaults from the option table, INI file, --section.key overrides, and errors
// that name the key.
#include "hykal/app/command_line.hpp"
#include "hykal/app/configuration.hpp"
#include "hykal/app/option_table.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using hykal::InputError;
using hykal::app::Configuration;

namespace {

std::string write_ini(const std::string& text) {
  char path[] = "/tmp/hykal-test-XXXXXX";
  const int descriptor = mkstemp(path);
  REQUIRE(descriptor >= 0);
  close(descriptor);
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("defaults are the authors' settings of METHOD.md") {
  const Configuration configuration = Configuration::load("", {});
  CHECK(configuration.real("soap.r_cut") == 5.5);
  CHECK(configuration.integer("soap.n_max") == 8);
  CHECK(configuration.integer("kernel.soap_degree") == 4);
  CHECK(configuration.real("clustering.d_tol") == 1e-4);
  CHECK(configuration.real("learning.e_tol") == 0.002);
  CHECK(configuration.text("soap.rbf") == "polynomial");
  CHECK(configuration.boolean("soap.periodic"));
}

TEST_CASE("the command line overrides the INI file, which overrides the defaults") {
  const std::string ini = write_ini("[soap]\nr_cut = 6.0\nn_max = 4\n[data]\nfiles = a.xyz b.xyz\nfiles = c*.xyz\n");
  const Configuration configuration = Configuration::load(ini, {{"soap.n_max", {"3"}}});
  CHECK(configuration.real("soap.r_cut") == 6.0);
  CHECK(configuration.integer("soap.n_max") == 3);
  CHECK(configuration.list("data.files") == std::vector<std::string>{"a.xyz", "b.xyz", "c*.xyz"});
  std::remove(ini.c_str());
}

TEST_CASE("unknown keys and bad values are errors naming the key") {
  const std::string unknown = write_ini("[soap]\nr_cutoff = 6.0\n");
  CHECK_THAT(error_of([&] { Configuration::load(unknown, {}); }), Catch::Contains("soap.r_cutoff"));
  const std::string bad = write_ini("[soap]\nr_cut = six\n");
  CHECK_THAT(error_of([&] { Configuration::load(bad, {}); }), Catch::Contains("soap.r_cut") && Catch::Contains("six"));
  CHECK_THAT(error_of([] { Configuration::load("", {{"soap.rbf", {"gaussian"}}}); }),
             Catch::Contains("soap.rbf") && Catch::Contains("polynomial gto"));
  CHECK_THAT(error_of([] { Configuration::load("", {{"soap.sigma", {"nan"}}}); }), Catch::Contains("soap.sigma"));
  CHECK_THAT(error_of([] { Configuration::load("", {{"soap.periodic", {"maybe"}}}); }), Catch::Contains("soap.periodic"));
  CHECK_THAT(error_of([] { Configuration::load("/nonexistent/hykal.ini", {}); }), Catch::Contains("/nonexistent/hykal.ini"));
  std::remove(unknown.c_str());
  std::remove(bad.c_str());
}

TEST_CASE("command line: command, configuration file and dotted overrides") {
  const char* argv[] = {"hykal", "info", "run.ini", "--soap.r_cut=6.5", "--dry-run"};
  const auto line = hykal::app::parse_command_line(5, argv);
  CHECK(line.command == "info");
  CHECK(line.config_path == "run.ini");
  CHECK(line.dry_run);
  CHECK(line.overrides.at("soap.r_cut") == std::vector<std::string>{"6.5"});

  const char* unknown[] = {"hykal", "info", "--soap.rcut=6.5"};
  CHECK_THAT(error_of([&] { hykal::app::parse_command_line(3, unknown); }), Catch::Contains("soap.rcut"));
  const char* no_command[] = {"hykal", "clusterr"};
  CHECK_THAT(error_of([&] { hykal::app::parse_command_line(2, no_command); }), Catch::Contains("clusterr"));
}

TEST_CASE("--help and the effective configuration list every key") {
  const std::string help = hykal::app::help_text("");
  const std::string effective = Configuration::load("", {}).effective_ini();
  for (const auto& spec : hykal::app::option_table()) {
    CHECK_THAT(help, Catch::Contains(spec.key));
    CHECK_THAT(effective, Catch::Contains(spec.key.substr(spec.key.find('.') + 1) + " = "));
  }
}

TEST_CASE("the effective configuration reads back as the same configuration") {
  const Configuration original = Configuration::load("", {{"soap.r_cut", {"4.25"}}, {"data.files", {"x.xyz", "y.xyz"}}});
  const std::string ini = write_ini(original.effective_ini());
  const Configuration again = Configuration::load(ini, {});
  CHECK(again.effective_ini() == original.effective_ini());
  std::remove(ini.c_str());
}
