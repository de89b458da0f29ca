#include "hykal/app/configuration.hpp"

#include "hykal/app/option_table.hpp"
#include "hykal/error.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

namespace po = boost::program_options;

namespace hykal::app {
namespace {

const OptionSpec& spec_of(const std::string& key) {
  for (const OptionSpec& spec : option_table())
    if (spec.key == key) return spec;
  HYKAL_THROW("no option " + key + " in the option table");
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : " ") + value;
  return text;
}

void check_kind(const OptionSpec& spec, const std::vector<std::string>& values) {
  if (spec.kind != OptionKind::path_list && spec.kind != OptionKind::word_list && values.size() > 1)
    throw InputError("option " + spec.key + ": given " + std::to_string(values.size()) + " times");
  const std::string value = values.empty() ? "" : values.front();
  switch (spec.kind) {
    case OptionKind::real: parse_real(spec.key, value); break;
    case OptionKind::integer: parse_integer(spec.key, value); break;
    case OptionKind::boolean: parse_boolean(spec.key, value); break;
    case OptionKind::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end())
        throw InputError("option " + spec.key + ": '" + value + "' is not one of: " + joined(spec.choices));
      break;
    case OptionKind::real_or_auto:
      if (value != "auto") parse_real(spec.key, value);
      break;
    case OptionKind::integer_or_auto:
      if (value != "auto") parse_integer(spec.key, value);
      break;
    case OptionKind::text:
    case OptionKind::path_list:
    case OptionKind::word_list: break;
  }
}

po::options_description ini_description() {
  po::options_description description;
  for (const OptionSpec& spec : option_table())
    description.add_options()(spec.key.c_str(), po::value<std::vector<std::string>>());
  return description;
}

}  // namespace

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (const char c : text) {
    if (quote != 0 && c == quote) {
      quote = 0;
    } else if (quote == 0 && (c == '"' || c == '\'')) {
      quote = c;
      in_word = true;
    } else if (quote == 0 && std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

double parse_real(const std::string& key, const std::string& value) {
  std::size_t used = 0;
  double number = 0.0;
  try {
    number = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || !std::isfinite(number))
    throw InputError("option " + key + ": '" + value + "' is not a finite number");
  return number;
}

long long parse_integer(const std::string& key, const std::string& value) {
  std::size_t used = 0;
  long long number = 0;
  try {
    number = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size()) throw InputError("option " + key + ": '" + value + "' is not an integer");
  return number;
}

bool parse_boolean(const std::string& key, const std::string& value) {
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  throw InputError("option " + key + ": '" + value + "' is not true or false");
}

Configuration Configuration::load(const std::string& ini_path,
                                  const std::map<std::string, std::vector<std::string>>& overrides) {
  Configuration configuration;
  for (const OptionSpec& spec : option_table())
    if (!spec.default_value.empty()) configuration.values_[spec.key] = {spec.default_value};

  if (!ini_path.empty()) {
    std::ifstream file(ini_path);
    if (!file) throw InputError(ini_path + ": cannot open the configuration file");
    po::variables_map from_file;
    try {
      po::store(po::parse_config_file(file, ini_description(), false), from_file);
    } catch (const po::error& error) {
      throw InputError(ini_path + ": " + error.what());
    }
    for (const auto& [key, value] : from_file)
      configuration.values_[key] = value.as<std::vector<std::string>>();
  }
  for (const auto& [key, values] : overrides) {
    spec_of(key);
    configuration.values_[key] = values;
  }
  for (const auto& [key, values] : configuration.values_) check_kind(spec_of(key), values);
  return configuration;
}

std::string Configuration::text(const std::string& key) const {
  spec_of(key);
  const auto found = values_.find(key);
  return found == values_.end() ? std::string() : joined(found->second);
}

double Configuration::real(const std::string& key) const { return parse_real(key, text(key)); }
long long Configuration::integer(const std::string& key) const { return parse_integer(key, text(key)); }
bool Configuration::boolean(const std::string& key) const { return parse_boolean(key, text(key)); }

std::vector<std::string> Configuration::list(const std::string& key) const {
  spec_of(key);
  const auto found = values_.find(key);
  std::vector<std::string> words;
  if (found != values_.end())
    for (const std::string& value : found->second)
      for (std::string& word : split_words(value)) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> Configuration::values(const std::string& key) const {
  spec_of(key);
  const auto found = values_.find(key);
  return found == values_.end() ? std::vector<std::string>() : found->second;
}

std::string Configuration::effective_ini() const {
  std::ostringstream out;
  std::string section;
  for (const OptionSpec& spec : option_table()) {
    const std::string this_section = spec.key.substr(0, spec.key.find('.'));
    if (this_section != section) {
      out << (section.empty() ? "" : "\n") << '[' << this_section << "]\n";
      section = this_section;
    }
    out << spec.key.substr(spec.key.find('.') + 1) << " = " << text(spec.key);
    if (!spec.unit.empty()) out << "  # " << spec.unit;
    out << '\n';
  }
  return out.str();
}

}  // namespace hykal::app
