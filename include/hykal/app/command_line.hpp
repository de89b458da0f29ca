#pragma once
// `hykal <command> [CONFIG.ini] [--section.key=value ...] [--dry-run] [--resume]`
#include <map>
#include <string>
#include <vector>

namespace hykal::app {

struct CommandLine {
  std::string command;      // empty with --help/--version alone
  std::string config_path;  // empty: defaults and overrides only
  std::map<std::string, std::vector<std::string>> overrides;
  bool help = false;
  bool version = false;
  bool dry_run = false;
  bool resume = false;  // continue the checkpoint of an interrupted learn/run
};

// Throws InputError for an unknown option or a malformed command line.
CommandLine parse_command_line(int argc, const char* const* argv);

// The --help text: usage, commands, then every configuration key with default and unit.
std::string help_text(const std::string& command);

}  // namespace hykal::app
