#include "hykal/io/mapped_file.hpp"

#include "hykal/error.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hykal::io {
namespace {

// Closes the descriptor on every path out of the constructor; the mapping outlives it.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

MappedFile::MappedFile(const std::string& path) : path_(path) {
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0)
    throw InputError(path + ": cannot open the file for reading: " + std::strerror(errno));
  struct stat status {};
  if (::fstat(file.fd, &status) != 0)
    throw InputError(path + ": cannot read the file's status: " + std::strerror(errno));
  if (S_ISDIR(status.st_mode))
    throw InputError(path + ": is a directory, not an extended XYZ file");
  if (!S_ISREG(status.st_mode)) throw InputError(path + ": is not a regular file");
  size_ = static_cast<std::size_t>(status.st_size);
  if (size_ == 0) return;  // mmap of length 0 is an error; an empty view says the same
  void* mapping = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, file.fd, 0);
  if (mapping == MAP_FAILED)
    throw InputError(path + ": cannot map the file into memory: " + std::strerror(errno));
  data_ = static_cast<const char*>(mapping);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace hykal::io
