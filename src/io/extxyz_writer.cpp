#include "hykal/io/extxyz_writer.hpp"

#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

#include <array>
#include <charconv>
#include <fstream>

namespace hykal::io {

// Shortest decimal form that reads back as the same double (C++17 std::to_chars).
void append_number(std::string& out, double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

void append_numbers(std::string& out, const double* values, int n) {
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += ' ';
    append_number(out, values[i]);
  }
}

namespace {

// A bare word survives ASE's and our comment-line parser; anything else is quoted.
bool needs_quotes(const std::string& text) {
  if (text.empty()) return true;
  for (char c : text)
    if (c == ' ' || c == '\t' || c == '=' || c == '"' || c == '\'' || c == '\\' || c == '{' || c == '}' ||
        c == '[' || c == ']' || c == ',')
      return true;
  return false;
}

}  // namespace

void append_word(std::string& out, const std::string& text) {
  if (!needs_quotes(text)) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

namespace {

bool is_written_key(const std::string& key) {
  for (const char* special : {"Lattice", "Properties", "pbc", "energy", "virial", "stress"})
    if (key == special) return true;
  return false;
}

}  // namespace

void write_extxyz(std::ostream& out, const Frame& frame) {
  const auto n_atoms = static_cast<Eigen::Index>(frame.n_atoms());
  HYKAL_ASSERT(frame.positions.rows() == n_atoms, "positions for every atom");
  HYKAL_ASSERT(!frame.has_forces() || frame.forces.rows() == n_atoms, "forces for every atom");
  std::string text = std::to_string(n_atoms) + "\n";
  if (frame.has_cell()) {
    text += "Lattice=\"";
    const Eigen::Matrix<double, 3, 3, Eigen::RowMajor> rows = frame.cell;  // a, b, c in order
    append_numbers(text, rows.data(), 9);
    text += "\" ";
  }
  text += frame.has_forces() ? "Properties=species:S:1:pos:R:3:forces:R:3" : "Properties=species:S:1:pos:R:3";
  if (frame.energy) {
    text += " energy=";
    append_number(text, *frame.energy);
  }
  if (frame.virial) {
    text += " virial=\"";
    const Eigen::Matrix3d& column_major = *frame.virial;  // ASE's order='F'
    append_numbers(text, column_major.data(), 9);
    text += '"';
  }
  for (const auto& [key, value] : frame.labels) {
    if (is_written_key(key)) continue;
    text += ' ';
    append_word(text, key);
    text += '=';
    append_word(text, value);
  }
  text += " pbc=\"";
  for (int i = 0; i < 3; ++i) text += std::string(i > 0 ? " " : "") + (frame.pbc[static_cast<std::size_t>(i)] ? "T" : "F");
  text += "\"\n";
  for (Eigen::Index atom = 0; atom < n_atoms; ++atom) {
    text += element_symbol(frame.atomic_numbers[static_cast<std::size_t>(atom)]);
    for (int c = 0; c < 3; ++c) {
      text += ' ';
      append_number(text, frame.positions(atom, c));
    }
    if (frame.has_forces())
      for (int c = 0; c < 3; ++c) {
        text += ' ';
        append_number(text, frame.forces(atom, c));
      }
    text += '\n';
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void write_extxyz(const std::string& path, const std::vector<Frame>& frames) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(path + ": cannot open the file for writing");
  for (const Frame& frame : frames) write_extxyz(out, frame);
  out.flush();
  if (!out) throw InputError(path + ": writing failed (disk full?)");
}

}  // namespace hykal::io
