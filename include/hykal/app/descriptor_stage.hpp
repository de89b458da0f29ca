#pragma once
// Stage 2 of the pipeline (METHOD.md §1): every rank computes the SOAP and Coulomb descriptors
// of its own frames. Per-atom SOAP rows of all local frames are kept in one row-major block
// (frames in global order), so that the kernel stage can send a rank's whole share, or any run
// of frames, as one contiguous piece.
#include "hykal/app/commands.hpp"
#include "hykal/descriptors/coulomb_matrix.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <hdf5.h>

#include <cstdint>
#include <vector>

namespace hykal::app {

struct LocalDescriptors {
  descriptors::SoapSettings soap_settings;       // validated, species resolved
  descriptors::CoulombSettings coulomb_settings; // n_atoms_max resolved
  descriptors::DescriptorMatrix soap_atoms;      // Σ local n_atoms × p
  std::vector<std::int64_t> atom_offsets;        // local frames + 1; frame f is rows [o[f], o[f+1])
  descriptors::DescriptorMatrix soap_mean;       // local frames × p (DScribe average="outer")
  descriptors::DescriptorMatrix coulomb;         // local frames × feature count of the Coulomb matrix
};

// Collective: the atomic numbers present anywhere in the data set, ascending (soap.species = auto).
std::vector<int> species_of_data_set(const io::LocalFrames& data, MPI_Comm comm);

// Collective: species (auto = every element of the data set) and n_atoms_max (auto = largest
// frame) are agreed over all ranks, so every rank's descriptors have the same layout.
LocalDescriptors compute_descriptors(RunContext& context, const io::LocalFrames& data);

// Collective: /descriptors/soap_mean (N × p), and with soap.store_per_atom the per-atom arrays
// and atom offsets, with coulomb.store the Coulomb matrices. Settings go in attributes.
void write_descriptors_group(hid_t file, const io::LocalFrames& data,
                             const LocalDescriptors& descriptors, const Configuration& configuration);

}  // namespace hykal::app
