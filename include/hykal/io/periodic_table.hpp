#pragma once
// Element symbols of the periodic table, Z = 1 … 118 (IUPAC 2016 names), for reading species
// columns and writing them back.
#include <string_view>

namespace hykal::io {

constexpr int max_atomic_number = 118;

// Atomic number of an element symbol as written in the file; case-insensitive like ASE, which
// capitalises species before looking them up ("te", "TE" → 52). 0 when the symbol is unknown.
int atomic_number(std::string_view symbol);

// Symbol of atomic number z (1 … 118); throws an internal error outside that range.
std::string_view element_symbol(int z);

}  // namespace hykal::io
