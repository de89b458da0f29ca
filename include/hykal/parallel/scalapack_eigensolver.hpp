#pragma once
// ScaLAPACK backend: pdsyevr (MRRR) with RANGE = 'I', so only eigenpairs il..iu are computed
// (1..m for the smallest, N−m+1..N for the largest, m = max(k, min(nb, N)): below the block size
// ScaLAPACK 2.2's pdsyevr gives its back-transformation too little workspace; see the .cpp).
#include "hykal/parallel/eigensolver.hpp"

namespace hykal::parallel {

class ScalapackEigensolver : public Eigensolver {
 public:
  EigensolverKind kind() const override { return EigensolverKind::scalapack; }
  EigenPairs solve(DistributedMatrix a, int k, SpectrumEnd end) const override;
};

}  // namespace hykal::parallel
