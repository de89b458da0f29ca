#include "hykal/gap/quip_backend.hpp"

#include "hykal/descriptors/data_set_species.hpp"
#include "hykal/error.hpp"
#include "hykal/gap/child_process.hpp"
#include "hykal/gap/e0.hpp"
#include "hykal/gap/gap_fit_config.hpp"
#include "hykal/gap/quip_output.hpp"
#include "hykal/io/extxyz_writer.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace hykal::gap {

namespace {

namespace fs = std::filesystem;

const char* const timeout_key = "gap.fit_timeout";

std::string work_file(const QuipBackendSettings& backend, const std::string& name) {
  return fs::absolute(fs::path(backend.work_directory) / name).string();
}

void make_work_directory(const std::string& directory) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw InputError(directory + ": cannot create the work directory of gap.backend = quip: " + error.message());
}

// QUIP wants a lattice: a frame without one gets a cubic box, not periodic, wide enough that no
// image of an atom comes within the cutoff of another (edge = extent of the atoms + 2 cutoffs).
void give_box(io::Frame& frame, double cutoff) {
  if (frame.has_cell() || frame.n_atoms() == 0) return;
  const double extent = (frame.positions.colwise().maxCoeff() - frame.positions.colwise().minCoeff()).maxCoeff();
  frame.cell = Eigen::Matrix3d::Identity() * (extent + 2.0 * cutoff);
}

// The frames as gap_fit reads them (see quip_backend.hpp).
std::vector<io::Frame> training_copy(const std::vector<io::Frame>& frames, const FitSettings& settings) {
  const double cutoff = longest_cutoff(settings.terms);
  std::vector<io::Frame> copy;
  std::set<int> isolated_species;
  for (const io::Frame& frame : frames) {
    const bool isolated = frame.n_atoms() == 1 && frame.energy;
    if (isolated && settings.e0.method == "isolated" && !isolated_species.insert(frame.atomic_numbers[0]).second) continue;
    io::Frame entry = frame;
    entry.labels.clear();
    const auto config_type = frame.labels.find("config_type");
    if (config_type != frame.labels.end()) entry.labels.insert(*config_type);
    if (!settings.sigma_force) entry.forces.resize(0, 3);
    if (!settings.sigma_virial) entry.virial.reset();
    give_box(entry, cutoff);
    copy.push_back(std::move(entry));
  }
  return copy;
}

// The frames as quip gets them: atoms, cell and pbc only (see quip_backend.hpp).
std::vector<io::Frame> bare_copy(const std::vector<io::Frame>& frames, double cutoff) {
  std::vector<io::Frame> bare;
  for (const io::Frame& frame : frames) {
    io::Frame entry;
    entry.atomic_numbers = frame.atomic_numbers;
    entry.positions = frame.positions;
    entry.cell = frame.cell;
    entry.pbc = frame.pbc;
    give_box(entry, cutoff);
    bare.push_back(std::move(entry));
  }
  return bare;
}

// The data-dependent checks of the built-in fit, with its messages: e0 values for every species
// (isolated: a one-atom frame each), and forces somewhere when σ_F is set.
void check_training_data(const std::vector<io::Frame>& frames, const std::vector<int>& species, const FitSettings& settings) {
  determine_e0(frames, species, settings.e0, MPI_COMM_SELF);
  const bool any_forces = std::any_of(frames.begin(), frames.end(), [](const io::Frame& f) { return f.has_forces(); });
  if (settings.sigma_force && !any_forces)
    throw InputError("gap.sigma_force is set but no training frame has forces (gap.sigma_force = none fits without them)");
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw InputError(path + ": cannot write (disk full?)");
}

// A number gap_fit could not compute shows as NaN or Infinity in its XML.
bool is_non_finite_word(std::string word) {
  if (!word.empty() && (word[0] == '+' || word[0] == '-')) word.erase(0, 1);
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  return word == "nan" || word == "inf" || word == "infinity";
}

void check_potential_file(const std::string& path) {
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in || text.empty())
    throw InputError("gap.gap_fit: gap_fit finished but wrote no potential (" + path + " is missing or empty)");
  std::string word;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '<' || c == '>' || c == '=' || c == ',') {
      if (is_non_finite_word(word))
        throw InputError("gap.gap_fit: the potential " + path + " holds a non-finite number (" + word + ")");
      word.clear();
    } else {
      word += c;
    }
  }
}

ChildProgram program_run(const std::string& program, const std::string& key, const QuipBackendSettings& backend) {
  ChildProgram child;
  child.program = program;
  child.setting_key = key;
  child.working_directory = fs::absolute(backend.work_directory).string();
  child.timeout_seconds = backend.timeout_seconds;
  return child;
}

void check_timeout(const QuipBackendSettings& backend) {
  if (!(backend.timeout_seconds >= 0.0)) throw InputError(std::string(timeout_key) + ": must be 0 (no limit) or positive");
}

void run(const ChildProgram& child) { require_success(child, run_child(child), timeout_key); }

// Checks the settings and data, writes the training copy and the config (with `extra` lines),
// runs gap_fit; returns the path of its log.
std::string run_gap_fit(const std::vector<io::Frame>& training_frames, const FitSettings& settings,
                        const QuipBackendSettings& backend, const std::string& extra) {
  check_timeout(backend);
  const std::vector<int> species = descriptors::species_of_data_set(training_frames, MPI_COMM_SELF);
  make_work_directory(backend.work_directory);
  const GapFitFiles files{work_file(backend, "gap_fit_train.xyz"), work_file(backend, "gap.partial.xml")};
  const std::string config = gap_fit_config_text(settings, species, files) + extra;  // checks the settings
  check_training_data(training_frames, species, settings);
  find_program(backend.gap_fit, "gap.gap_fit");  // before writing anything
  io::write_extxyz(files.training_file, training_copy(training_frames, settings));
  write_text(work_file(backend, "gap_fit.config"), config);
  fs::remove(files.potential_file);
  ChildProgram child = program_run(backend.gap_fit, "gap.gap_fit", backend);
  child.arguments = {"config_file=" + work_file(backend, "gap_fit.config")};
  child.output_path = child.error_path = work_file(backend, "gap_fit.log");
  run(child);
  return child.output_path;
}

}  // namespace

double longest_cutoff(const std::vector<TermSettings>& terms) {
  double cutoff = 0.0;
  for (const TermSettings& term : terms) {
    const auto found = term.descriptor_values.find("cutoff");
    if (found != term.descriptor_values.end()) cutoff = std::max(cutoff, found->second);
  }
  return cutoff;
}

QuipPotential fit_with_gap_fit(const std::vector<io::Frame>& training_frames, const FitSettings& settings,
                               const QuipBackendSettings& backend) {
  const std::string partial = work_file(backend, "gap.partial.xml");
  run_gap_fit(training_frames, settings, backend, "");
  check_potential_file(partial);
  const std::string potential = work_file(backend, "gap.xml");
  fs::rename(partial, potential);
  return QuipPotential{potential, longest_cutoff(settings.terms)};
}

std::string gap_fit_memory_estimate(const std::vector<io::Frame>& training_frames, const FitSettings& settings,
                                    const QuipBackendSettings& backend) {
  const std::string log = run_gap_fit(training_frames, settings, backend, "dryrun=T\n");
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    const std::size_t figure = line.find_first_not_of(' ', 4);
    if (line.compare(0, 4, "PEAK") == 0 && figure != std::string::npos) return line.substr(figure);
  }
  throw InputError("gap.gap_fit: gap_fit dryrun=T printed no memory estimate (no line starting PEAK in " + log + ")");
}

std::vector<Prediction> predict_with_quip(const QuipPotential& potential, const std::vector<io::Frame>& frames,
                                          const QuipBackendSettings& backend) {
  check_timeout(backend);
  find_program(backend.quip, "gap.quip");
  if (frames.empty()) return {};
  make_work_directory(backend.work_directory);
  const std::string input = quip_readable_path(work_file(backend, "quip_input.xyz"));
  io::write_extxyz(input, bare_copy(frames, potential.cutoff));
  ChildProgram child = program_run(backend.quip, "gap.quip", backend);
  child.arguments = {"E=T", "F=T", "V=T", "atoms_filename=" + input,
                     "param_filename=" + quip_readable_path(potential.xml_file)};
  child.output_path = work_file(backend, "quip.out");
  child.error_path = work_file(backend, "quip.err");
  run(child);
  return read_quip_output(child.output_path, work_file(backend, "quip_output.xyz"), frames);
}

}  // namespace hykal::gap
