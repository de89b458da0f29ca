#include "hykal/io/hdf5.hpp"

#include "hykal/error.hpp"

#include <filesystem>

#include <utility>

namespace hykal::io::hdf5 {
namespace {

void close(hid_t id) {
  if (id < 0) return;
  switch (H5Iget_type(id)) {
    case H5I_FILE: H5Fclose(id); break;
    case H5I_GROUP: H5Gclose(id); break;
    case H5I_DATASET: H5Dclose(id); break;
    case H5I_DATASPACE: H5Sclose(id); break;
    case H5I_DATATYPE: H5Tclose(id); break;
    case H5I_ATTR: H5Aclose(id); break;
    case H5I_GENPROP_LST: H5Pclose(id); break;
    default: break;
  }
}

Handle checked(hid_t id, const std::string& what) {
  if (id < 0) HYKAL_THROW("HDF5: " + what);
  return Handle(id);
}

Handle file_access_mpio(MPI_Comm comm) {
  Handle access = checked(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate(FILE_ACCESS)");
  if (H5Pset_fapl_mpio(access, comm, MPI_INFO_NULL) < 0) HYKAL_THROW("HDF5: H5Pset_fapl_mpio failed");
  return access;
}

}  // namespace

Handle::Handle(hid_t id) : id_(id) {}
Handle::~Handle() { close(id_); }
Handle::Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close(id_);
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
  }
  return *this;
}

Handle open_read_only(const std::string& path) {
  if (!std::filesystem::exists(path)) throw InputError(path + ": no such file");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) throw InputError(path + ": cannot open as an HDF5 file (not HDF5, truncated or unreadable)");
  return Handle(id);
}

void copy_objects(const std::string& source_path, hid_t destination, const std::vector<std::string>& names) {
  Handle source = open_read_only(source_path);
  for (const std::string& name : names) {
    if (!exists(source, name)) continue;
    if (H5Ocopy(source, name.c_str(), destination, name.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
      throw InputError(source_path + ": cannot copy /" + name + " into the new results file");
  }
}

Handle create_parallel(const std::string& path, MPI_Comm comm) {
  Handle access = file_access_mpio(comm);
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access);
  if (id < 0) throw InputError(path + ": cannot create the HDF5 file (check the directory exists and is writable)");
  return Handle(id);
}

Handle open_parallel(const std::string& path, MPI_Comm comm, bool writable) {
  Handle access = file_access_mpio(comm);
  const hid_t id = H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, access);
  if (id < 0) throw InputError(path + ": cannot open as an HDF5 file");
  return Handle(id);
}

bool exists(hid_t location, const std::string& path) {
  std::string prefix;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    prefix = path.substr(0, slash);
    if (!prefix.empty() && H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

Handle require_group(hid_t location, const std::string& path) {
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0)
      Handle(checked(H5Gcreate2(location, prefix.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     "cannot create group " + prefix));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return checked(H5Gopen2(location, path.c_str(), H5P_DEFAULT), "cannot open group " + path);
}

DoubleArray read_doubles(hid_t location, const std::string& path) {
  Handle dataset = checked(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "no dataset " + path);
  Handle space = checked(H5Dget_space(dataset), "H5Dget_space " + path);
  const int rank = H5Sget_simple_extent_ndims(space);
  DoubleArray array;
  array.shape.resize(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, array.shape.data(), nullptr);
  hsize_t count = 1;
  for (hsize_t extent : array.shape) count *= extent;
  array.values.resize(count);
  if (count > 0 && H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
    HYKAL_THROW("HDF5: cannot read " + path + " as double");
  return array;
}

std::vector<long long> read_integers(hid_t location, const std::string& path) {
  Handle dataset = checked(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "no dataset " + path);
  Handle space = checked(H5Dget_space(dataset), "H5Dget_space " + path);
  std::vector<long long> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  if (!values.empty() && H5Dread(dataset, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    HYKAL_THROW("HDF5: cannot read " + path + " as integers");
  return values;
}

double read_double_attribute(hid_t object, const std::string& name) {
  Handle attribute = checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), "no attribute " + name);
  double value = 0.0;
  if (H5Aread(attribute, H5T_NATIVE_DOUBLE, &value) < 0) HYKAL_THROW("HDF5: cannot read attribute " + name);
  return value;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  Handle attribute = checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), "no attribute " + name);
  Handle type = checked(H5Aget_type(attribute), "H5Aget_type " + name);
  if (H5Tis_variable_str(type) > 0) {
    Handle memory_type = checked(H5Tcopy(H5T_C_S1), "H5Tcopy");
    H5Tset_size(memory_type, H5T_VARIABLE);
    H5Tset_cset(memory_type, H5Tget_cset(type));
    char* text = nullptr;
    if (H5Aread(attribute, memory_type, &text) < 0) HYKAL_THROW("HDF5: cannot read attribute " + name);
    std::string value = text ? text : "";
    H5free_memory(text);
    return value;
  }
  std::string value(H5Tget_size(type), '\0');
  if (H5Aread(attribute, type, value.data()) < 0) HYKAL_THROW("HDF5: cannot read attribute " + name);
  return value.substr(0, value.find('\0'));
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = checked(H5Tcopy(H5T_C_S1), "H5Tcopy");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  Handle space = checked(H5Screate(H5S_SCALAR), "H5Screate");
  Handle attribute = checked(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                             "cannot create attribute " + name);
  const char* text = value.c_str();
  if (H5Awrite(attribute, type, &text) < 0) HYKAL_THROW("HDF5: cannot write attribute " + name);
}

void write_double_attribute(hid_t object, const std::string& name, double value) {
  Handle space = checked(H5Screate(H5S_SCALAR), "H5Screate");
  Handle attribute = checked(H5Acreate2(object, name.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT),
                             "cannot create attribute " + name);
  if (H5Awrite(attribute, H5T_NATIVE_DOUBLE, &value) < 0) HYKAL_THROW("HDF5: cannot write attribute " + name);
}

void write_integer_attribute(hid_t object, const std::string& name, long long value) {
  Handle space = checked(H5Screate(H5S_SCALAR), "H5Screate");
  Handle attribute = checked(H5Acreate2(object, name.c_str(), H5T_NATIVE_LLONG, space, H5P_DEFAULT, H5P_DEFAULT),
                             "cannot create attribute " + name);
  if (H5Awrite(attribute, H5T_NATIVE_LLONG, &value) < 0) HYKAL_THROW("HDF5: cannot write attribute " + name);
}

Handle collective_transfer() {
  Handle transfer = checked(H5Pcreate(H5P_DATASET_XFER), "H5Pcreate(DATASET_XFER)");
  if (H5Pset_dxpl_mpio(transfer, H5FD_MPIO_COLLECTIVE) < 0) HYKAL_THROW("HDF5: H5Pset_dxpl_mpio failed");
  return transfer;
}

void write_rows(hid_t location, const std::string& path, hid_t type, hsize_t total_rows, hsize_t row_width,
                hsize_t first_row, hsize_t n_rows, const void* data) {
  const int rank = row_width == 0 ? 1 : 2;
  const hsize_t shape[2] = {total_rows, row_width};
  Handle file_space = checked(H5Screate_simple(rank, shape, nullptr), "H5Screate_simple " + path);
  Handle dataset = checked(H5Dcreate2(location, path.c_str(), type, file_space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                           "cannot create dataset " + path);
  // A dataset without elements has no storage to write to (a collective write of it fails).
  if (total_rows == 0 || (rank == 2 && row_width == 0)) return;
  const hsize_t start[2] = {first_row, 0};
  const hsize_t count[2] = {n_rows, row_width};
  const hsize_t memory_shape[2] = {n_rows, row_width};
  Handle memory_space = checked(H5Screate_simple(rank, memory_shape, nullptr), "H5Screate_simple " + path);
  if (n_rows == 0) {
    H5Sselect_none(file_space);
    H5Sselect_none(memory_space);
  } else if (H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr) < 0) {
    HYKAL_THROW("HDF5: cannot select rows of " + path);
  }
  Handle transfer = collective_transfer();
  if (H5Dwrite(dataset, type, memory_space, file_space, transfer, data) < 0)
    HYKAL_THROW("HDF5: cannot write " + path);
}

void write_table(hid_t location, const std::string& path, const std::vector<std::string>& columns,
                 const std::vector<std::vector<double>>& rows, MPI_Comm comm, const std::string& units) {
  const std::size_t record_size = columns.size() * sizeof(double);
  Handle type = checked(H5Tcreate(H5T_COMPOUND, record_size), "H5Tcreate " + path);
  for (std::size_t c = 0; c < columns.size(); ++c)
    H5Tinsert(type, columns[c].c_str(), c * sizeof(double), H5T_NATIVE_DOUBLE);
  std::vector<double> packed;
  for (const std::vector<double>& row : rows) {
    HYKAL_ASSERT(row.size() == columns.size(), "table row width of " + path);
    packed.insert(packed.end(), row.begin(), row.end());
  }
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  write_rows(location, path, type, rows.size(), 0, 0, rank == 0 ? rows.size() : 0, packed.data());
  if (!units.empty()) {
    Handle dataset = checked(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "H5Dopen " + path);
    write_string_attribute(dataset, "units", units);
  }
}

Handle fixed_string_type(std::size_t length) {
  Handle type = checked(H5Tcopy(H5T_C_S1), "H5Tcopy");
  H5Tset_size(type, length == 0 ? 1 : length);
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

}  // namespace hykal::io::hdf5
