#pragma once
// The GAP model file (HDF5; layout in docs/results-file.md, "GAP model file"): everything
// prediction needs (species, e0, the terms' settings, sparse points and coefficients) plus the
// fit settings and a signature of the training set, readable with h5py.
#include "hykal/gap/gap_model.hpp"

#include <mpi.h>

#include <string>

namespace hykal::gap {

// Identifies our files (root attribute `format`) and the layout version (attribute `version`).
// Version 2: the model's meaning follows gap_fit's conventions (two-body pairs counted from both
// ends, gap_fit's SOAP radial basis and √2 weights), so version-1 coefficients would predict
// other energies and are refused.
inline constexpr const char* model_file_format = "hykal GAP model";
inline constexpr int model_file_version = 2;  // 2: attribute backend, dataset quip_xml

// Collective over comm (every rank holds the same model). Writes to path + ".partial" and renames
// it to path once complete, so an interrupted write never leaves a model file behind.
void write_model_file(const std::string& path, const GapModel& model, MPI_Comm comm);

// Reads and checks a model file (any rank, serially). InputError naming the file for a file that
// is not HDF5, not ours, of another version, truncated or inconsistent.
GapModel read_model_file(const std::string& path);

}  // namespace hykal::gap
