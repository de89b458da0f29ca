// The signature that decides whether stored kernels are reused (app/stored_kernels.hpp,
// docs/commands.md), key by key over the whole option table: every [soap], [coulomb] and
// [kernel] key and data.isolated_atoms changes it, no [clustering], [map], [output] or
// [parallel] key does. (tests/app/check_kernel_reuse.sh checks the consequence on the kernels'
// values and the data-file parts of the signature.)
#include "hykal/app/configuration.hpp"
#include "hykal/app/option_table.hpp"
#include "hykal/app/stored_kernels.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <string>

using hykal::app::Configuration;
using hykal::app::OptionKind;
using hykal::app::OptionSpec;

namespace {

// A value of the key's kind that differs from its default.
std::string another_value(const OptionSpec& spec) {
  switch (spec.kind) {
    case OptionKind::boolean: return spec.default_value == "true" ? "false" : "true";
    case OptionKind::integer: return std::to_string(std::stoll(spec.default_value) + 1);
    case OptionKind::real: return std::to_string(std::stod(spec.default_value) * 1.5 + 0.25);
    case OptionKind::choice: return spec.choices.at(spec.choices.front() == spec.default_value ? 1 : 0);
    case OptionKind::real_or_auto:
      return spec.default_value == "auto" ? "0.5" : std::to_string(std::stod(spec.default_value) * 1.5 + 0.25);
    case OptionKind::integer_or_auto:
      return spec.default_value == "auto" ? "7" : std::to_string(std::stoll(spec.default_value) + 1);
    case OptionKind::word_list: return spec.default_value == "auto" ? "O Si" : spec.default_value + " O";
    case OptionKind::text:
    case OptionKind::path_list: return spec.default_value + "7";
  }
  return "";
}

bool determines_kernels(const std::string& key) {  // docs/commands.md, "Reuse of stored kernels"
  for (const char* section : {"soap.", "coulomb.", "kernel."})
    if (key.rfind(section, 0) == 0) return true;
  return key == "data.isolated_atoms";
}

}  // namespace

TEST_CASE("kernel signature: changed by exactly the keys that determine the kernels") {
  hykal::io::FrameIndex index;
  index.files = {hykal::test::source_dir() + "/inputs/example/sio2_meltquench.xyz"};
  const std::string base = hykal::app::kernel_settings_signature(Configuration::load("", {}), index);
  int kernel_keys = 0;
  for (const OptionSpec& spec : hykal::app::option_table()) {
    if (spec.key == "data.files") continue;  // the files are in the index, not the configuration
    const std::string value = another_value(spec);
    INFO(spec.key << " = " << value);
    const Configuration changed = Configuration::load("", {{spec.key, {value}}});
    const bool differs = hykal::app::kernel_settings_signature(changed, index) != base;
    CHECK(differs == determines_kernels(spec.key));
    kernel_keys += determines_kernels(spec.key);
  }
  CHECK(kernel_keys >= 15);  // 8 [soap], 3 [coulomb], 6 [kernel], data.isolated_atoms today
}

TEST_CASE("kernel signature: another data file, or the same one listed twice, is another signature") {
  const Configuration configuration = Configuration::load("", {});
  hykal::io::FrameIndex one, other, twice;
  one.files = {hykal::test::source_dir() + "/inputs/example/sio2_meltquench.xyz"};
  other.files = {hykal::test::dataset("AsTe3_mkcamlip/valid.xyz")};
  twice.files = {one.files[0], one.files[0]};
  const std::string signature = hykal::app::kernel_settings_signature(configuration, one);
  CHECK(hykal::app::kernel_settings_signature(configuration, other) != signature);
  CHECK(hykal::app::kernel_settings_signature(configuration, twice) != signature);
}
