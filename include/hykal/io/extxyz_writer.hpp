#pragma once
// Extended XYZ output that ASE 3.22 and QUIP read back unchanged: every real number is written
// in its shortest form that parses back to the same double (std::to_chars), so a write → read
// round trip is exact.
#include "hykal/io/frame.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace hykal::io {

// Comment line: Lattice (if the frame has a cell), Properties=species:S:1:pos:R:3[:forces:R:3],
// energy, virial (9 numbers in ASE's order), the labels, pbc. Labels whose value is not one bare
// word are quoted.
void write_extxyz(std::ostream& out, const Frame& frame);

// The writer's pieces, shared with extxyz_annotation.hpp: a number in its shortest form that
// reads back as the same double; numbers separated by spaces; a comment-line word, quoted
// ("…", with \ escapes) when a parser would otherwise split or misread it.
void append_number(std::string& out, double value);
void append_numbers(std::string& out, const double* values, int n);
void append_word(std::string& out, const std::string& text);

// All frames into one file (overwritten); throws hykal::InputError if it cannot be written.
void write_extxyz(const std::string& path, const std::vector<Frame>& frames);

}  // namespace hykal::io
