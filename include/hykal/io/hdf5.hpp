#pragma once
// Thin RAII layer over the HDF5 C API. The C++ API (H5Cpp) has no MPI-IO calls, so hykal uses
// the C API everywhere: one handle type, a few typed read/write helpers, nothing more.
#include <hdf5.h>
#include <mpi.h>

#include <string>
#include <vector>

namespace hykal::io::hdf5 {

// Owns one hid_t and closes it with the function that matches its kind.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id);
  ~Handle();
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t id() const { return id_; }
  operator hid_t() const { return id_; }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// Opens an existing file read-only, serially (for reading fixtures and small inputs).
Handle open_read_only(const std::string& path);
// Creates (truncates) a file for collective access by every rank of comm (MPI-IO).
Handle create_parallel(const std::string& path, MPI_Comm comm);
// Opens an existing file collectively, read-write or read-only.
Handle open_parallel(const std::string& path, MPI_Comm comm, bool writable);

bool exists(hid_t location, const std::string& path);
// Creates every missing group along path ("a/b/c"); returns the last one.
Handle require_group(hid_t location, const std::string& path);

struct DoubleArray {
  std::vector<hsize_t> shape;
  std::vector<double> values;  // row-major (C order), as h5py stores numpy arrays
};
DoubleArray read_doubles(hid_t location, const std::string& path);
std::vector<long long> read_integers(hid_t location, const std::string& path);

double read_double_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_double_attribute(hid_t object, const std::string& name, double value);
void write_integer_attribute(hid_t object, const std::string& name, long long value);

// Transfer property list for collective MPI-IO reads and writes.
Handle collective_transfer();

// Collective over the ranks sharing the file: creates dataset `path` of shape
// total_rows × row_width (row_width 0: a 1-D dataset of total_rows) with element type `type`,
// and each rank writes its own contiguous rows [first_row, first_row + n_rows) from `data`
// (row-major). Ranks without rows pass n_rows = 0. This is how per-frame arrays are written:
// every rank owns a contiguous block of frames.
void write_rows(hid_t location, const std::string& path, hid_t type, hsize_t total_rows, hsize_t row_width,
                hsize_t first_row, hsize_t n_rows, const void* data);

// Collective: a table (compound dataset of float64 columns, one record per row) that every rank
// holds in full; rank 0 writes it. Units go in the attribute `units` ("column: unit; …").
void write_table(hid_t location, const std::string& path, const std::vector<std::string>& columns,
                 const std::vector<std::vector<double>>& rows, MPI_Comm comm, const std::string& units = "");

// Collective over the ranks sharing `destination`: copies each named top-level object (group or
// dataset, with everything below it and its attributes) of the file at source_path into
// destination under the same name. Objects the source lacks are skipped. How a command carries
// forward the groups earlier commands wrote (H5Ocopy; every rank reads the source serially).
void copy_objects(const std::string& source_path, hid_t destination, const std::vector<std::string>& names);

// A fixed-length string type of `length` bytes (variable-length strings cannot be written
// collectively by parallel HDF5).
Handle fixed_string_type(std::size_t length);

}  // namespace hykal::io::hdf5
