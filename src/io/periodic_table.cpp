#include "hykal/io/periodic_table.hpp"

#include "hykal/error.hpp"

#include <array>
#include <string>

namespace hykal::io {
namespace {

constexpr std::array<std::string_view, max_atomic_number + 1> symbols = {
    "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si",
    "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu",
    "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru",
    "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr",
    "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",
    "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac",
    "Th", "Pa", "U",  "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf",
    "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};

// Symbols have one upper-case letter and an optional lower-case one: a 26 × 27 table indexed
// by (first letter, second letter or none) finds Z without string comparisons, since species
// are looked up once per atom.
int table_slot(char first, char second) {
  const int upper = first & ~0x20;  // ASCII upper case
  if (upper < 'A' || upper > 'Z') return -1;
  int lower = 0;
  if (second != '\0') {
    lower = second | 0x20;  // ASCII lower case
    if (lower < 'a' || lower > 'z') return -1;
    lower = lower - 'a' + 1;
  }
  return (upper - 'A') * 27 + lower;
}

std::array<int, 26 * 27> build_lookup() {
  std::array<int, 26 * 27> lookup{};
  for (int z = 1; z <= max_atomic_number; ++z) {
    const std::string_view symbol = symbols[static_cast<std::size_t>(z)];
    lookup[static_cast<std::size_t>(table_slot(symbol[0], symbol.size() > 1 ? symbol[1] : '\0'))] = z;
  }
  return lookup;
}

}  // namespace

int atomic_number(std::string_view symbol) {
  static const std::array<int, 26 * 27> lookup = build_lookup();
  if (symbol.empty() || symbol.size() > 2) return 0;
  const int slot = table_slot(symbol[0], symbol.size() > 1 ? symbol[1] : '\0');
  return slot < 0 ? 0 : lookup[static_cast<std::size_t>(slot)];
}

std::string_view element_symbol(int z) {
  HYKAL_ASSERT(z >= 1 && z <= max_atomic_number, "atomic number " + std::to_string(z));
  return symbols[static_cast<std::size_t>(z)];
}

}  // namespace hykal::io
