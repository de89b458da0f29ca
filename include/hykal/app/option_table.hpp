#pragma once
// The one table of every configuration key hykal understands: section.key, kind, default, unit
// and description. --help, validation, the printed effective configuration and the copy stored
// in the results file are all generated from it (the idea of SIRIUS's input schema).
#include <string>
#include <vector>

namespace hykal::app {

// real_or_auto / integer_or_auto: "auto" or a number; word_list: space-separated words.
enum class OptionKind { real, integer, boolean, text, choice, path_list, real_or_auto, integer_or_auto, word_list };

struct OptionSpec {
  std::string key;            // "section.key"
  OptionKind kind;
  std::string default_value;  // as the user would write it; "" = unset
  std::string unit;           // "Å", "eV/atom", … or ""
  std::string description;
  std::vector<std::string> choices;  // allowed values of a choice (some also accept a number)
};

const std::vector<OptionSpec>& option_table();

}  // namespace hykal::app
