#include "hykal/app/command_line.hpp"

#include "hykal/app/commands.hpp"
#include "hykal/app/option_table.hpp"
#include "hykal/error.hpp"

#include <boost/program_options.hpp>

#include <sstream>

namespace po = boost::program_options;

namespace hykal::app {
namespace {

po::options_description general_options() {
  po::options_description general("General options");
  general.add_options()
      ("help,h", "print this help (with a command: that command's help)")
      ("version", "print the version")
      ("dry-run", "read the data set, print the plan and the estimated memory per rank, then exit")
      ("resume", "learn, run: continue an interrupted active learning from its checkpoint");
  return general;
}

po::options_description configuration_options() {
  po::options_description keys("Configuration keys (INI file sections, or --section.key=value)");
  for (const OptionSpec& spec : option_table()) {
    std::string text = spec.description;
    if (!spec.default_value.empty()) text += " [default: " + spec.default_value + "]";
    if (!spec.unit.empty()) text += " (" + spec.unit + ")";
    keys.add_options()(spec.key.c_str(), po::value<std::vector<std::string>>()->value_name("value"), text.c_str());
  }
  return keys;
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
  po::options_description all;
  all.add(general_options()).add(configuration_options());
  all.add_options()("positional", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("positional", -1);

  po::variables_map parsed;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), parsed);
  } catch (const po::error& error) {
    throw InputError(std::string("command line: ") + error.what() + " (hykal --help lists every option)");
  }

  CommandLine line;
  line.help = parsed.count("help") > 0;
  line.version = parsed.count("version") > 0;
  line.dry_run = parsed.count("dry-run") > 0;
  line.resume = parsed.count("resume") > 0;
  std::vector<std::string> words;
  if (parsed.count("positional")) words = parsed["positional"].as<std::vector<std::string>>();
  if (words.size() > 2) throw InputError("command line: unexpected argument '" + words[2] + "'");
  if (!words.empty()) line.command = words[0];
  if (words.size() == 2) line.config_path = words[1];
  if (!line.command.empty() && find_command(line.command) == nullptr)
    throw InputError("command line: unknown command '" + line.command + "' (hykal --help lists the commands)");
  if (line.resume && line.command != "learn" && line.command != "run")
    throw InputError("command line: --resume continues an interrupted learn or run, not " +
                     (line.command.empty() ? std::string("a missing command") : "'" + line.command + "'"));
  for (const OptionSpec& spec : option_table())
    if (parsed.count(spec.key)) line.overrides[spec.key] = parsed[spec.key].as<std::vector<std::string>>();
  if (line.command.empty() && !line.help && !line.version)
    throw InputError("command line: no command given (hykal --help lists the commands)");
  return line;
}

std::string help_text(const std::string& command) {
  std::ostringstream out;
  out << "Usage: hykal <command> [CONFIG.ini] [--section.key=value ...]\n"
         "Run under mpiexec or srun as usual. Results go to one HDF5 file (output.results).\n\n";
  if (const Command* chosen = find_command(command)) {
    out << "hykal " << chosen->name << ": " << chosen->summary << "\n\n";
  } else {
    out << "Commands:\n";
    for (const Command& each : commands()) out << "  " << each.name << std::string(14 - each.name.size(), ' ') << each.summary << '\n';
    out << '\n';
  }
  out << general_options() << '\n' << configuration_options();
  return out.str();
}

}  // namespace hykal::app
