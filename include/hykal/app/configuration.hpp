#pragma once
// The effective configuration of a run: option_table() defaults, overridden by the INI file,
// overridden by --section.key=value on the command line. Every value is checked against its
// kind when loaded, so a typo fails at start, naming the key, not hours later.
#include <map>
#include <string>
#include <vector>

namespace hykal::app {

class Configuration {
 public:
  // ini_path may be empty (defaults and overrides only). overrides are "section.key" → values.
  static Configuration load(const std::string& ini_path,
                            const std::map<std::string, std::vector<std::string>>& overrides);

  std::string text(const std::string& key) const;
  double real(const std::string& key) const;
  long long integer(const std::string& key) const;
  bool boolean(const std::string& key) const;
  // Path lists and word lists: words split at white space, "…" or '…' keeping spaces in one.
  std::vector<std::string> list(const std::string& key) const;
  std::vector<std::string> values(const std::string& key) const;  // as given, one per occurrence

  // Every key in INI form with its value (printed at start, stored in the results file).
  std::string effective_ini() const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Words separated by white space; "…" or '…' keep spaces inside one word (the quotes go).
std::vector<std::string> split_words(const std::string& text);

// Parses a number of the given key's kind or throws an InputError naming the key.
double parse_real(const std::string& key, const std::string& value);
long long parse_integer(const std::string& key, const std::string& value);
bool parse_boolean(const std::string& key, const std::string& value);

}  // namespace hykal::app
