#pragma once
// An uninitialised array of doubles for large scratch data that is written before it is read
// (the panels an MPI ring receives). Not a std::vector because value-initialisation writes every
// page before MPI does, and on the virtual machines we measure on each first touch of a 4 KiB
// page costs 10–15 µs: 0.1 s for a 32 MB Coulomb panel and more for a SOAP panel, all of it on
// the multi-rank path only. The array starts on a 2 MiB boundary and is advised as a candidate for
// transparent huge pages (effective when the system's THP mode is "madvise" or "always"), so the
// kernel maps it 2 MiB at a time and single-copy MPI transfers pin 512 times fewer pages.
#include <cstddef>
#include <cstdlib>
#include <memory>

namespace hykal::util {

class HugePageBuffer {
 public:
  HugePageBuffer() = default;
  explicit HugePageBuffer(std::size_t n_values);

  double* data() { return values_.get(); }
  const double* data() const { return values_.get(); }
  std::size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(double* values) const { std::free(values); }
  };
  std::unique_ptr<double[], Free> values_;
  std::size_t size_ = 0;
};

}  // namespace hykal::util
