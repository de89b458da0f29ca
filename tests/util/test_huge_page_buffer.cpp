// HugePageBuffer: 2 MiB-aligned, uninitialised, and (where the kernel offers transparent huge
// pages) first touched with far fewer page faults than its 4 KiB pages. Reference: the page
// counts themselves, and the kernel's THP mode read from /sys.
#include "hykal/util/huge_page_buffer.hpp"

#include <catch2/catch.hpp>
#include <sys/resource.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <utility>

namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// The kernel's THP mode allows MADV_HUGEPAGE ranges ("[always]" or "[madvise]" selected).
bool huge_pages_on_request() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(mode, line);
  return line.find("[always]") != std::string::npos || line.find("[madvise]") != std::string::npos;
}

}  // namespace

TEST_CASE("a huge-page buffer is aligned, sized and writable; swapping moves ownership") {
  hykal::util::HugePageBuffer a(1000), b(3);
  CHECK(a.size() == 1000);
  CHECK(reinterpret_cast<std::uintptr_t>(a.data()) % (std::uintptr_t{2} << 20) == 0);
  for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<double>(i);
  const double* storage = a.data();
  std::swap(a, b);
  CHECK(b.data() == storage);
  CHECK(b.data()[999] == 999.0);
  CHECK(a.size() == 3);
  CHECK(hykal::util::HugePageBuffer().data() == nullptr);
}

TEST_CASE("first touch of a 64 MiB huge-page buffer takes fewer faults than its 4 KiB pages") {
  constexpr std::size_t values = std::size_t{64} << 17;  // 64 MiB of doubles
  constexpr long small_pages = static_cast<long>(values * sizeof(double) / 4096);
  hykal::util::HugePageBuffer buffer(values);
  const long before = minor_faults();
  for (std::size_t i = 0; i < values; i += 512) buffer.data()[i] = 1.0;  // one write per 4 KiB
  const long faults = minor_faults() - before;
  INFO("THP available on request: " << huge_pages_on_request() << ", faults " << faults << " of " << small_pages
                                     << " small pages");
  if (huge_pages_on_request()) CHECK(faults < small_pages / 4);
  CHECK(faults <= small_pages + 64);
}
