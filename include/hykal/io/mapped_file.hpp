#pragma once
// A whole input file mapped read-only into memory (POSIX mmap).
//
// Frame files can be larger than memory and each rank of a distributed read touches only the
// frames it owns: mapping lets the indexing pass and the parser work on one contiguous
// std::string_view without copying, and the kernel reads only the pages that are touched.
#include <cstddef>
#include <string>
#include <string_view>

namespace hykal::io {

class MappedFile {
 public:
  // Throws hykal::InputError naming the path when it cannot be opened, is a directory or is not
  // a regular file.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view text() const { return {data_, size_}; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace hykal::io
