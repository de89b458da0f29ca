// Our block-cyclic index arithmetic against ScaLAPACK's own TOOLS routines (the reference).
#include "hykal/parallel/block_cyclic.hpp"

#include <catch2/catch.hpp>

extern "C" {
int numroc_(const int* n, const int* nb, const int* iproc, const int* isrcproc, const int* nprocs);
int indxl2g_(const int* indxloc, const int* nb, const int* iproc, const int* isrcproc, const int* nprocs);
int indxg2p_(const int* indxglob, const int* nb, const int* iproc, const int* isrcproc, const int* nprocs);
int indxg2l_(const int* indxglob, const int* nb, const int* iproc, const int* isrcproc, const int* nprocs);
}

namespace bc = hykal::parallel::block_cyclic;

TEST_CASE("block-cyclic maps agree with numroc/indxl2g/indxg2p/indxg2l", "[parallel]") {
  const int source = 0;
  for (int nprocs : {1, 2, 3, 4, 5}) {
    for (int block : {1, 2, 3, 7, 64}) {
      for (int n : {0, 1, 5, 13, 64, 100, 129}) {
        int total = 0;
        for (int p = 0; p < nprocs; ++p) {
          const int count = bc::local_count(n, block, p, nprocs);
          CHECK(count == numroc_(&n, &block, &p, &source, &nprocs));
          total += count;
          for (int local = 0; local < count; ++local) {
            const int local1 = local + 1;
            const int global = bc::global_index(local, block, p, nprocs);
            CHECK(global + 1 == indxl2g_(&local1, &block, &p, &source, &nprocs));
            // Round trip: the global index maps back to this process and local index.
            CHECK(bc::owner(global, block, nprocs) == p);
            CHECK(bc::local_index(global, block, nprocs) == local);
          }
        }
        CHECK(total == n);
        for (int global = 0; global < n; ++global) {
          const int global1 = global + 1;
          CHECK(bc::owner(global, block, nprocs) == indxg2p_(&global1, &block, &source, &source, &nprocs));
          CHECK(bc::local_index(global, block, nprocs) + 1 == indxg2l_(&global1, &block, &source, &source, &nprocs));
        }
      }
    }
  }
}
