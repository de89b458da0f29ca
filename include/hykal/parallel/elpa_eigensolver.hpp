#pragma once
// ELPA backend (2-stage tridiagonalisation, ELPA_SOLVER_2STAGE): computes only the nev smallest
// eigenpairs, so the largest are found as the smallest of −A. ELPA fails when a process row or
// column holds no block; such a (small) matrix is solved on a copy with a smaller block size.
#include "hykal/parallel/eigensolver.hpp"

namespace hykal::parallel {

class ElpaEigensolver : public Eigensolver {
 public:
  EigensolverKind kind() const override { return EigensolverKind::elpa; }
  EigenPairs solve(DistributedMatrix a, int k, SpectrumEnd end) const override;
};

}  // namespace hykal::parallel
