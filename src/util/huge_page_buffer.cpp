#include "hykal/util/huge_page_buffer.hpp"

#include <sys/mman.h>

#include <new>

namespace hykal::util {

HugePageBuffer::HugePageBuffer(std::size_t n_values) : size_(n_values) {
  if (n_values == 0) return;
  constexpr std::size_t huge_page = std::size_t{2} << 20;
  const std::size_t bytes = (n_values * sizeof(double) + huge_page - 1) / huge_page * huge_page;
  void* memory = std::aligned_alloc(huge_page, bytes);
  if (memory == nullptr) throw std::bad_alloc();
  madvise(memory, bytes, MADV_HUGEPAGE);  // advice only: where it is refused the pages stay 4 KiB
  values_.reset(static_cast<double*>(memory));
}

}  // namespace hykal::util
