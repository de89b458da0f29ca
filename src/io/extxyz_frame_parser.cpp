#include "hykal/io/extxyz_frame_parser.hpp"

#include "hykal/io/extxyz_comment.hpp"
#include "hykal/io/extxyz_text.hpp"
#include "hykal/io/label_value.hpp"
#include "hykal/io/periodic_table.hpp"

#include <Eigen/LU>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace hykal::io {
namespace {

// What one whitespace-separated column of an atom line holds.
enum class ColumnRole { species, atomic_number, position, force, other };

struct Column {
  ColumnRole role = ColumnRole::other;
  char type = 'R';     // S string, R real, I integer, L logical
  int component = 0;   // 0, 1, 2 for vector properties
  std::string_view property;  // name, for messages (points into the Properties string)
};

struct ColumnPlan {
  std::vector<Column> columns;
  bool has_species = false;
  bool has_atomic_number = false;
  bool has_forces = false;
};

// The Properties value "name:type:ncols:name:type:ncols…" as one entry per atom-line column.
ColumnPlan plan_columns(const std::string& properties, const std::string& forces_key, const TextPlace& place) {
  std::vector<std::string_view> fields;
  std::string_view rest(properties);
  while (true) {
    const std::size_t colon = rest.find(':');
    fields.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (fields.size() % 3 != 0)
    throw_input_error(place, "Properties", "\"" + properties + "\" is not a list of name:type:columns triples");

  // The forces column: the first candidate present (auto: forces, then force).
  std::string_view force_name;
  const std::vector<std::string> candidates =
      forces_key == "auto" ? std::vector<std::string>{"forces", "force"} : std::vector<std::string>{forces_key};
  for (const std::string& candidate : candidates)
    for (std::size_t i = 0; i < fields.size() && force_name.empty(); i += 3)
      if (fields[i] == candidate) force_name = fields[i];

  ColumnPlan plan;
  bool has_positions = false;
  for (std::size_t i = 0; i < fields.size(); i += 3) {
    const std::string_view name = fields[i];
    const std::string_view type = fields[i + 1];
    const auto count = parse_integer(fields[i + 2]);
    if (name.empty() || type.size() != 1 || std::string_view("SRIL").find(type[0]) == std::string_view::npos ||
        !count || *count < 1)
      throw_input_error(place, "Properties",
                        "bad entry \"" + std::string(name) + ":" + std::string(type) + ":" +
                            std::string(fields[i + 2]) + "\" (expected name:S|R|I|L:columns)");
    ColumnRole role = ColumnRole::other;
    std::string_view required;  // the type:columns this property must have
    if (name == "species") role = ColumnRole::species, required = "S:1";
    else if (name == "Z") role = ColumnRole::atomic_number, required = "I:1";
    else if (name == "pos" || name == "positions") role = ColumnRole::position, required = "R:3";
    else if (name == force_name) role = ColumnRole::force, required = "R:3";
    if (!required.empty() && (type[0] != required[0] || *count != required[2] - '0'))
      throw_input_error(place, "Properties", "\"" + std::string(name) + "\" must be " + std::string(name) + ":" +
                                                 std::string(required) + ", found " + std::string(type) + ":" +
                                                 std::string(fields[i + 2]));
    plan.has_species |= role == ColumnRole::species;
    plan.has_atomic_number |= role == ColumnRole::atomic_number;
    plan.has_forces |= role == ColumnRole::force;
    has_positions |= role == ColumnRole::position;
    for (int c = 0; c < *count; ++c) plan.columns.push_back({role, type[0], c, name});
  }
  if (!has_positions) throw_input_error(place, "Properties", "\"" + properties + "\" has no pos:R:3 column");
  if (!plan.has_species && !plan.has_atomic_number)
    throw_input_error(place, "Properties", "\"" + properties + "\" has neither species:S:1 nor Z:I:1");
  return plan;
}

std::vector<double> parse_numbers(const CommentEntry& entry, const TextPlace& place) {
  std::vector<double> numbers;
  std::string separated = entry.value;
  for (char& c : separated)
    if (c == ',') c = ' ';  // ASE also accepts comma-separated arrays
  std::size_t position = 0;
  for (std::string_view token = next_token(separated, position); !token.empty();
       token = next_token(separated, position)) {
    const auto value = parse_finite_double(token);
    if (!value)
      throw_input_error(place, entry.key, "\"" + std::string(token) + "\" is not a finite number");
    numbers.push_back(*value);
  }
  return numbers;
}

Eigen::Matrix3d read_lattice(const CommentEntry& entry, const TextPlace& place) {
  const std::vector<double> numbers = parse_numbers(entry, place);
  if (numbers.size() != 9)
    throw_input_error(place, entry.key, "expected 9 numbers (cell vectors a, b, c), found " +
                                            std::to_string(numbers.size()));
  Eigen::Matrix3d cell;
  for (int i = 0; i < 9; ++i) cell(i / 3, i % 3) = numbers[static_cast<std::size_t>(i)];
  return cell;
}

std::array<bool, 3> read_pbc(const CommentEntry& entry, const TextPlace& place) {
  std::array<bool, 3> pbc{};
  std::size_t position = 0;
  int n = 0;
  for (std::string_view token = next_token(entry.value, position); !token.empty();
       token = next_token(entry.value, position), ++n) {
    const auto flag = parse_logical(token);
    if (!flag || n >= 3)
      throw_input_error(place, entry.key, "expected three of T/F, found \"" + entry.value + "\"");
    pbc[static_cast<std::size_t>(n)] = *flag;
  }
  if (n != 3) throw_input_error(place, entry.key, "expected three of T/F, found \"" + entry.value + "\"");
  return pbc;
}

// Nine numbers in ASE's order (a 3 × 3 matrix filled column by column, as ASE reshapes with
// order='F'); for stress also the six Voigt components xx yy zz yz xz xy.
Eigen::Matrix3d read_tensor(const CommentEntry& entry, bool allow_voigt, const TextPlace& place) {
  const std::vector<double> v = parse_numbers(entry, place);
  Eigen::Matrix3d m;
  if (v.size() == 9) {
    for (int i = 0; i < 9; ++i) m(i % 3, i / 3) = v[static_cast<std::size_t>(i)];
  } else if (allow_voigt && v.size() == 6) {
    m << v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2];
  } else {
    throw_input_error(place, entry.key, std::string("expected 9 numbers") + (allow_voigt ? " or 6 (Voigt)" : "") +
                                            ", found " + std::to_string(v.size()));
  }
  return m;
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.6g", value);
  return buffer.data();
}

// A periodic direction needs cell vectors that span space.
void check_cell(const Frame& frame, bool has_lattice, const TextPlace& place) {
  if (!frame.pbc[0] && !frame.pbc[1] && !frame.pbc[2]) return;
  if (!has_lattice)
    throw_input_error(place, "pbc", "periodic boundaries are requested but the frame has no Lattice");
  const double scale = frame.cell.row(0).norm() * frame.cell.row(1).norm() * frame.cell.row(2).norm();
  const double det = frame.cell.determinant();
  if (!(std::abs(det) > 1e-10 * scale))
    throw_input_error(place, "Lattice", "the cell is singular (|det| = " + format_number(std::abs(det)) +
                                            " Å^3 for vectors of lengths " + format_number(frame.cell.row(0).norm()) +
                                            ", " + format_number(frame.cell.row(1).norm()) + ", " +
                                            format_number(frame.cell.row(2).norm()) +
                                            " Å) but pbc has a periodic direction");
}

struct SpecialKeys {
  const CommentEntry* properties = nullptr;
  const CommentEntry* lattice = nullptr;
  const CommentEntry* pbc = nullptr;
  const CommentEntry* energy = nullptr;
  const CommentEntry* virial = nullptr;
  const CommentEntry* stress = nullptr;
};

// Every key becomes an HDF5 name in the results file (/frames/labels/<key>), where "/" separates
// groups, "." is the group itself and a NUL ends the name; a key given twice would be resolved
// silently. All are errors naming the key.
void check_comment_keys(const std::vector<CommentEntry>& entries, const TextPlace& place) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& key = entries[i].key;
    if (key == "." || key.find('/') != std::string::npos || key.find('\0') != std::string::npos)
      throw_input_error(place, "comment line", "the key \"" + key + "\" cannot be stored (no \"/\", NUL or a lone \".\")");
    for (std::size_t j = 0; j < i; ++j)
      if (entries[j].key == key)
        throw_input_error(place, "comment line", "the key \"" + key + "\" is given twice");
  }
}

SpecialKeys find_special_keys(const std::vector<CommentEntry>& entries, const ReadOptions& options) {
  SpecialKeys keys;
  for (const CommentEntry& entry : entries) {
    if (equals_ignoring_case(entry.key, "Properties")) keys.properties = &entry;
    else if (equals_ignoring_case(entry.key, "Lattice")) keys.lattice = &entry;
    else if (equals_ignoring_case(entry.key, "pbc")) keys.pbc = &entry;
  }
  const auto find = [&](std::string_view key) -> const CommentEntry* {
    const CommentEntry* found = nullptr;
    for (const CommentEntry& entry : entries)
      if (entry.key == key) found = &entry;
    return found;
  };
  if (options.energy_key == "auto") {
    for (const std::string& key : auto_energy_keys())
      if ((keys.energy = find(key)) != nullptr) break;
  } else {
    keys.energy = find(options.energy_key);
  }
  if (options.virial_key == "auto") {
    keys.virial = find("virial");
    if (keys.virial == nullptr) keys.stress = find("stress");
  } else {
    keys.virial = find(options.virial_key);
  }
  return keys;
}

std::size_t count_tokens(std::string_view line) {
  std::size_t count = 0;
  std::size_t position = 0;
  while (!next_token(line, position).empty()) ++count;
  return count;
}

// Reads the atom lines into frame; first_line is the line number of the first atom line.
void read_atom_lines(std::string_view text, std::size_t offset, std::int64_t first_line, const ColumnPlan& plan,
                     const std::string& properties, Frame& frame, const TextPlace& frame_place) {
  const auto n_atoms = static_cast<Eigen::Index>(frame.atomic_numbers.size());
  const auto n_columns = plan.columns.size();
  for (Eigen::Index atom = 0; atom < n_atoms; ++atom) {
    const TextPlace place{frame_place.path, frame_place.frame, first_line + atom};
    const std::string_view line = next_line(text, offset);
    std::size_t position = 0;
    const auto column_count_error = [&] {
      std::string what = "Properties=" + properties + " describes " + std::to_string(n_columns) +
                         " columns but this atom line has " + std::to_string(count_tokens(line));
      const std::string_view content = trim(line);
      if (parse_integer(content))
        what += "; it looks like an atom-count line: the atom count " + std::to_string(n_atoms) + " (line " +
                std::to_string(frame_place.line) + ") is larger than the number of atom lines";
      else if (content.find('=') != std::string_view::npos)
        what += "; it looks like a comment line: the atom count " + std::to_string(n_atoms) + " (line " +
                std::to_string(frame_place.line) + ") is larger than the number of atom lines";
      throw_input_error(place, "Properties", what);
    };
    for (std::size_t c = 0; c < n_columns; ++c) {
      const Column& column = plan.columns[c];
      ScannedNumber real;
      if (column.type == 'R') real = scan_finite_double(line, position);
      const std::string_view token = column.type == 'R' ? real.token : next_token(line, position);
      if (token.empty()) column_count_error();
      const auto bad_value = [&](const char* expected) {
        throw_input_error(place, column.property, "\"" + std::string(token) + "\" is not " + expected);
      };
      switch (column.type) {
        case 'R': {
          if (!real.value) bad_value("a finite real number");
          if (column.role == ColumnRole::position) frame.positions(atom, column.component) = *real.value;
          else if (column.role == ColumnRole::force) frame.forces(atom, column.component) = *real.value;
          break;
        }
        case 'I': {
          const auto value = parse_integer(token);
          if (!value) bad_value("an integer");
          if (column.role == ColumnRole::atomic_number) {
            if (*value < 1 || *value > max_atomic_number) bad_value("an atomic number (1 … 118)");
            frame.atomic_numbers[static_cast<std::size_t>(atom)] = static_cast<int>(*value);
          }
          break;
        }
        case 'L':
          if (!parse_logical(token)) bad_value("a logical (T or F)");
          break;
        default:  // 'S'
          if (column.role == ColumnRole::species && !plan.has_atomic_number) {
            const int z = atomic_number(token);
            if (z == 0) bad_value("a known element symbol");
            frame.atomic_numbers[static_cast<std::size_t>(atom)] = z;
          }
          break;
      }
    }
    if (!next_token(line, position).empty()) column_count_error();
  }
}

}  // namespace

const std::vector<std::string>& auto_energy_keys() {
  static const std::vector<std::string> keys = {"energy",     "free_energy", "dft_energy",   "REF_energy",
                                                "Energy",     "total_energy", "DFT_energy",  "QM_energy"};
  return keys;
}

Frame parse_extxyz_frame(std::string_view text, const FrameLocation& location, const std::string& path,
                         const ReadOptions& options) {
  std::size_t offset = 0;
  next_line(text, offset);  // the atom count, already read by the index
  const TextPlace comment_place{path, location.index_in_file, location.line + 1};
  const std::vector<CommentEntry> entries = parse_comment_line(next_line(text, offset), comment_place);
  check_comment_keys(entries, comment_place);
  const SpecialKeys keys = find_special_keys(entries, options);

  Frame frame;
  frame.source_file = path;
  frame.source_index = location.index_in_file;
  const auto n_atoms = static_cast<Eigen::Index>(location.n_atoms);
  frame.atomic_numbers.assign(static_cast<std::size_t>(n_atoms), 0);
  frame.positions.resize(n_atoms, 3);

  if (keys.lattice != nullptr) frame.cell = read_lattice(*keys.lattice, comment_place);
  const bool default_periodic = keys.lattice != nullptr;  // ASE: T T T with a Lattice, else F F F
  frame.pbc = keys.pbc != nullptr ? read_pbc(*keys.pbc, comment_place)
                                  : std::array<bool, 3>{default_periodic, default_periodic, default_periodic};
  check_cell(frame, keys.lattice != nullptr, comment_place);

  if (keys.energy != nullptr) {
    const std::vector<double> energy = parse_numbers(*keys.energy, comment_place);
    if (energy.size() != 1)
      throw_input_error(comment_place, keys.energy->key, "expected one number, found \"" + keys.energy->value + "\"");
    frame.energy = energy[0];
  } else if (options.require_energy) {
    std::string tried = options.energy_key;
    if (options.energy_key == "auto") {
      tried = "any of";
      for (const std::string& key : auto_energy_keys()) tried += " " + key;
    }
    throw_input_error(comment_place, "energy", "the frame has no energy (looked for " + tried + ")");
  }
  if (keys.virial != nullptr) frame.virial = read_tensor(*keys.virial, false, comment_place);
  if (keys.stress != nullptr) {
    if (keys.lattice == nullptr)
      throw_input_error(comment_place, keys.stress->key, "converting stress to a virial needs a Lattice (volume)");
    // ASE's sign convention: virial = −stress · volume (METHOD.md §1 uses the virial in eV).
    frame.virial = -read_tensor(*keys.stress, true, comment_place) * std::abs(frame.cell.determinant());
  }

  const std::string properties = keys.properties != nullptr ? keys.properties->value : "species:S:1:pos:R:3";
  const ColumnPlan plan = plan_columns(properties, options.forces_key, comment_place);
  if (plan.has_forces) frame.forces.resize(n_atoms, 3);
  read_atom_lines(text, offset, location.line + 2, plan, properties, frame, comment_place);

  for (const CommentEntry& entry : entries) {
    if (&entry == keys.properties || &entry == keys.lattice || &entry == keys.pbc || &entry == keys.energy ||
        &entry == keys.virial || &entry == keys.stress)
      continue;
    if (is_numeric_label(entry.value) && !std::isfinite(std::strtod(entry.value.c_str(), nullptr)))
      throw_input_error(comment_place, entry.key, "\"" + entry.value + "\" is not a finite number");
    const auto flag = parse_logical(entry.value);
    frame.labels[entry.key] = flag ? (*flag ? "T" : "F") : entry.value;
  }
  return frame;
}

}  // namespace hykal::io
