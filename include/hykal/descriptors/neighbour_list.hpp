#pragma once
// Neighbours of every atom of a frame within a cutoff, periodic images included.
//
// Our own linked-cell implementation (no library offers DScribe's image convention): the image
// set is exactly DScribe's (CONVENTIONS.md §1, ext/geometry.cpp extend_system): along each
// periodic axis i the translations n_i = -m_i … m_i with m_i = ceil(cutoff / h_i), h_i the
// spacing of the lattice planes; positions are used as given, never wrapped. Images farther than
// the cutoff from the box around the atoms are dropped and the rest binned into cubic cells of
// edge ≥ cutoff, so a frame costs O(n) for a fixed cutoff and density, including cutoffs longer
// than the cell (several image shells), triclinic cells and mixed periodicity.
#include "hykal/io/frame.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace hykal::descriptors {

// Compressed rows: the neighbours of centre i are entries offsets[i] … offsets[i+1]-1. Every
// atom (or image) with |r_j + T - r_i|^2 <= cutoff^2 is listed, inclusive, and that includes the
// centre itself at distance 0 (SOAP counts the centre atom's own Gaussian).
struct NeighbourList {
  std::vector<std::size_t> offsets;             // n_atoms + 1
  std::vector<int> atom;                        // frame index of the neighbour
  std::vector<std::array<double, 3>> displacement;  // r_j + T - r_i, Å
  std::vector<double> distance;                 // |displacement|, Å

  std::size_t n_centres() const { return offsets.empty() ? 0 : offsets.size() - 1; }
};

// periodic = false ignores the cell and pbc flags (a molecule). periodic = true uses the images
// along the axes whose pbc flag is set; a cell with (near) zero volume is then an InputError
// naming the frame, as in DScribe.
NeighbourList build_neighbour_list(const io::Frame& frame, double cutoff, bool periodic);

}  // namespace hykal::descriptors
