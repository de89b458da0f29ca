#pragma once
// What the descriptor stage hands the kernels (METHOD.md §1): the SOAP and Coulomb descriptors
// of one rank's frames. Per-atom SOAP rows of all local frames are kept in one row-major block
// (frames in order), so that the kernel stage can send a rank's whole share, or any run of
// frames, as one contiguous piece.
#include "hykal/descriptors/coulomb_matrix.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/io/frame.hpp"

#include <mpi.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace hykal::descriptors {

struct LocalDescriptors {
  SoapSettings soap_settings;        // validated, species resolved
  CoulombSettings coulomb_settings;  // n_atoms_max resolved
  DescriptorMatrix soap_atoms;       // Σ local n_atoms × p
  std::vector<std::int64_t> atom_offsets;  // local frames + 1; frame f is rows [o[f], o[f+1])
  DescriptorMatrix soap_mean;        // local frames × p (DScribe average="outer")
  DescriptorMatrix coulomb;          // local frames × feature count of the Coulomb matrix
};

// Called after each frame with (frames done, local frames); may be empty.
using FrameProgress = std::function<void(long long done, long long total)>;

// Called after each local frame f with its per-atom SOAP rows and flattened Coulomb matrix, valid
// during the call only: how the kernel stage takes what it needs of every frame without the
// descriptor stage keeping every atom's row (the largest array of a run).
using FrameDescriptorsVisitor =
    std::function<void(std::size_t f, const DescriptorMatrix& soap_atoms, const Eigen::VectorXd& coulomb)>;

// What compute_local_descriptors keeps besides the frame means: soap_atoms and coulomb are left
// empty (0 rows) when not kept.
struct DescriptorRetention {
  bool soap_atoms = true;
  bool coulomb = true;
  FrameDescriptorsVisitor visit;  // may be empty
};

// Collective over comm: every rank passes the same settings (species and n_atoms_max already
// resolved for the whole data set, so that all ranks' rows have the same layout). A frame the
// descriptors cannot take, on any rank, becomes the same CollectiveInputError on every rank.
LocalDescriptors compute_local_descriptors(const std::vector<io::Frame>& frames, const SoapSettings& soap_settings,
                                           const CoulombSettings& coulomb_settings, MPI_Comm comm,
                                           const FrameProgress& progress = {},
                                           const DescriptorRetention& retention = {});

}  // namespace hykal::descriptors
