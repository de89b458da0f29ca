#pragma once
// Index arithmetic of the 1-D block-cyclic distribution (ScaLAPACK layout, source process 0),
// applied independently to rows and columns. Our own arithmetic rather than numroc_/indxl2g_
// calls so that it can be inlined in element loops; tests/parallel checks it against ScaLAPACK's
// TOOLS routines. All indices are 0-based.
namespace hykal::parallel::block_cyclic {

// Number of the n global indices held by process iproc of nprocs (ScaLAPACK numroc).
inline int local_count(int n, int block, int iproc, int nprocs) {
  const int nblocks = n / block;
  int count = (nblocks / nprocs) * block;
  const int extra_blocks = nblocks % nprocs;
  if (iproc < extra_blocks) {
    count += block;
  } else if (iproc == extra_blocks) {
    count += n % block;
  }
  return count;
}

// Global index of local index `local` on process iproc (ScaLAPACK indxl2g, 0-based).
inline int global_index(int local, int block, int iproc, int nprocs) {
  return ((local / block) * nprocs + iproc) * block + local % block;
}

// Process holding global index `global` (ScaLAPACK indxg2p).
inline int owner(int global, int block, int nprocs) { return (global / block) % nprocs; }

// Local index of global index `global` on its owner (ScaLAPACK indxg2l, 0-based).
inline int local_index(int global, int block, int nprocs) {
  return (global / (block * nprocs)) * block + global % block;
}

}  // namespace hykal::parallel::block_cyclic
