#pragma once
// Collective HDF5 I/O of a DistributedMatrix (idea from DLA-Future's matrix/hdf5.h): the dataset
// has the global shape rows × cols, row-major as h5py shows it (element (i, j) at [i][j]), and
// each rank writes or reads only its own blocks through one hyperslab selection. Files are opened
// with hdf5::create_parallel / open_parallel on the grid's communicator (or a communicator
// holding the same ranks).
#include "hykal/parallel/distributed_matrix.hpp"

#include <hdf5.h>

#include <string>

namespace hykal::io {

// Collective. Creates the dataset `path` (and missing groups) under location, replacing an
// existing one, and writes the global matrix into it.
void write_hdf5(hid_t location, const std::string& path, const parallel::DistributedMatrix& matrix);

// Collective. Reads the 2-D dataset `path` into matrix, whose shape must match (InputError
// naming the dataset otherwise).
void read_hdf5(hid_t location, const std::string& path, parallel::DistributedMatrix& matrix);

// Collective. Reads the 2-D dataset `path` into a new matrix of its shape on grid.
parallel::DistributedMatrix read_hdf5(hid_t location, const std::string& path, const parallel::BlacsGrid& grid,
                                      int block_size = parallel::DistributedMatrix::default_block_size);

}  // namespace hykal::io
