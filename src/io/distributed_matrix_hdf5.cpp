#include "hykal/io/distributed_matrix_hdf5.hpp"

#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include <string>
#include <vector>

namespace hykal::io {

using parallel::BlacsGrid;
using parallel::DistributedMatrix;

namespace {

namespace h5 = hykal::io::hdf5;

// The global indices one process holds along one dimension, as at most two regular runs of
// blocks: every full block (start, stride, count, block) and the trailing partial block, if
// this process owns it. Their product over rows and columns is the rank's hyperslab.
struct Run {
  hsize_t start;
  hsize_t stride;
  hsize_t count;
  hsize_t block;
};

std::vector<Run> owned_runs(int n, int block, int iproc, int nprocs) {
  std::vector<Run> runs;
  const int full_blocks = n / block;
  if (full_blocks > iproc) {
    const int count = (full_blocks - iproc - 1) / nprocs + 1;
    runs.push_back({static_cast<hsize_t>(iproc) * block, static_cast<hsize_t>(nprocs) * block,
                    static_cast<hsize_t>(count), static_cast<hsize_t>(block)});
  }
  if (n % block != 0 && full_blocks % nprocs == iproc) {
    runs.push_back({static_cast<hsize_t>(full_blocks) * block, 1, 1, static_cast<hsize_t>(n % block)});
  }
  return runs;
}

// Selects this rank's elements of the rows × cols file dataspace. In row-major order the selection
// visits them by ascending global row, then column: the order of a row-major local buffer.
void select_local_blocks(hid_t file_space, const DistributedMatrix& m) {
  const BlacsGrid& g = m.grid();
  const std::vector<Run> row_runs = owned_runs(m.rows(), m.row_block(), g.myrow(), g.nprow());
  const std::vector<Run> col_runs = owned_runs(m.cols(), m.col_block(), g.mycol(), g.npcol());
  if (H5Sselect_none(file_space) < 0) HYKAL_THROW("HDF5: H5Sselect_none failed");
  for (const Run& r : row_runs) {
    for (const Run& c : col_runs) {
      const hsize_t start[2] = {r.start, c.start};
      const hsize_t stride[2] = {r.stride, c.stride};
      const hsize_t count[2] = {r.count, c.count};
      const hsize_t block[2] = {r.block, c.block};
      if (H5Sselect_hyperslab(file_space, H5S_SELECT_OR, start, stride, count, block) < 0) {
        HYKAL_THROW("HDF5: H5Sselect_hyperslab failed");
      }
    }
  }
}

h5::Handle local_memory_space(const DistributedMatrix& m) {
  const hsize_t shape[2] = {static_cast<hsize_t>(m.local_rows()), static_cast<hsize_t>(m.local_cols())};
  h5::Handle space(H5Screate_simple(2, shape, nullptr));
  if (space.id() < 0) HYKAL_THROW("HDF5: H5Screate_simple failed");
  // A rank without elements still takes part in the collective transfer, with an empty selection.
  if (m.local_rows() == 0 || m.local_cols() == 0) H5Sselect_none(space);
  return space;
}

}  // namespace

void write_hdf5(hid_t location, const std::string& path, const DistributedMatrix& matrix) {
  const hsize_t shape[2] = {static_cast<hsize_t>(matrix.rows()), static_cast<hsize_t>(matrix.cols())};
  h5::Handle file_space(H5Screate_simple(2, shape, nullptr));
  if (file_space.id() < 0) HYKAL_THROW("HDF5: H5Screate_simple failed");
  if (h5::exists(location, path) && H5Ldelete(location, path.c_str(), H5P_DEFAULT) < 0) {
    HYKAL_THROW("HDF5: cannot replace the existing dataset " + path);
  }
  h5::Handle link_properties(H5Pcreate(H5P_LINK_CREATE));
  H5Pset_create_intermediate_group(link_properties, 1);
  h5::Handle dataset(H5Dcreate2(location, path.c_str(), H5T_IEEE_F64LE, file_space, link_properties, H5P_DEFAULT,
                                H5P_DEFAULT));
  if (dataset.id() < 0) HYKAL_THROW("HDF5: cannot create the dataset " + path);

  // Local storage is column-major; the file is row-major: transpose the local part once.
  std::vector<double> row_major(static_cast<std::size_t>(matrix.local_rows()) * matrix.local_cols());
  for (int il = 0; il < matrix.local_rows(); ++il) {
    for (int jl = 0; jl < matrix.local_cols(); ++jl) {
      row_major[static_cast<std::size_t>(il) * matrix.local_cols() + jl] = matrix.local(il, jl);
    }
  }
  select_local_blocks(file_space, matrix);
  h5::Handle memory_space = local_memory_space(matrix);
  h5::Handle transfer = h5::collective_transfer();
  if (H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, transfer, row_major.data()) < 0) {
    HYKAL_THROW("HDF5: collective write of " + path + " failed");
  }
}

void read_hdf5(hid_t location, const std::string& path, DistributedMatrix& matrix) {
  if (!h5::exists(location, path)) throw InputError(path + ": no such dataset");
  h5::Handle dataset(H5Dopen2(location, path.c_str(), H5P_DEFAULT));
  if (dataset.id() < 0) throw InputError(path + ": not a dataset");
  h5::Handle file_space(H5Dget_space(dataset));
  hsize_t shape[2] = {0, 0};
  if (H5Sget_simple_extent_ndims(file_space) != 2 || H5Sget_simple_extent_dims(file_space, shape, nullptr) != 2 ||
      shape[0] != static_cast<hsize_t>(matrix.rows()) || shape[1] != static_cast<hsize_t>(matrix.cols())) {
    throw InputError(path + ": expected a " + std::to_string(matrix.rows()) + " x " + std::to_string(matrix.cols()) +
                     " matrix");
  }
  std::vector<double> row_major(static_cast<std::size_t>(matrix.local_rows()) * matrix.local_cols());
  select_local_blocks(file_space, matrix);
  h5::Handle memory_space = local_memory_space(matrix);
  h5::Handle transfer = h5::collective_transfer();
  if (H5Dread(dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, transfer, row_major.data()) < 0) {
    HYKAL_THROW("HDF5: collective read of " + path + " failed");
  }
  for (int il = 0; il < matrix.local_rows(); ++il) {
    for (int jl = 0; jl < matrix.local_cols(); ++jl) {
      matrix.local(il, jl) = row_major[static_cast<std::size_t>(il) * matrix.local_cols() + jl];
    }
  }
}

DistributedMatrix read_hdf5(hid_t location, const std::string& path, const BlacsGrid& grid, int block_size) {
  hsize_t shape[2] = {0, 0};
  {
    if (!h5::exists(location, path)) throw InputError(path + ": no such dataset");
    h5::Handle dataset(H5Dopen2(location, path.c_str(), H5P_DEFAULT));
    if (dataset.id() < 0) throw InputError(path + ": not a dataset");
    h5::Handle file_space(H5Dget_space(dataset));
    if (H5Sget_simple_extent_ndims(file_space) != 2) throw InputError(path + ": expected a 2-D dataset");
    H5Sget_simple_extent_dims(file_space, shape, nullptr);
  }
  DistributedMatrix matrix(grid, static_cast<int>(shape[0]), static_cast<int>(shape[1]), block_size);
  read_hdf5(location, path, matrix);
  return matrix;
}

}  // namespace hykal::io
