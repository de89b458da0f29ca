#pragma once
// Stage 2 of the pipeline (METHOD.md §1) as a command runs it: the [soap] and [coulomb] options
// resolved over the data set, every rank's descriptors (descriptors/local_descriptors.hpp), and
// their group of the results file.
#include "hykal/app/commands.hpp"
#include "hykal/descriptors/local_descriptors.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <hdf5.h>

namespace hykal::app {

// Collective: species (auto = every element of the data set) and n_atoms_max (auto = largest
// frame) are agreed over all ranks, so every rank's descriptors have the same layout. The
// per-atom SOAP rows and the Coulomb matrices are kept only when [soap] store_per_atom and
// [coulomb] store ask for them; `visit` (may be empty) sees every frame's.
descriptors::LocalDescriptors compute_descriptors(RunContext& context, const io::LocalFrames& data,
                                                  const descriptors::FrameDescriptorsVisitor& visit = {});

// Collective: /descriptors/soap_mean (N × p), and with store_soap_per_atom the per-atom arrays
// and atom offsets, with store_coulomb the Coulomb matrices. Settings go in attributes.
void write_descriptors_group(hid_t file, const io::LocalFrames& data, const descriptors::LocalDescriptors& descriptors,
                             const DescriptorStageSettings& settings);

}  // namespace hykal::app
