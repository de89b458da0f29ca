#pragma once
// Distributed symmetric eigensolvers behind one interface, chosen by name (model: SIRIUS
// eigensolver.hpp). METHOD.md §3 needs the N_c smallest eigenpairs of the normalised Laplacian
// and the MDS of §5 the largest of the double-centred matrix: only those k pairs are computed,
// never the whole spectrum.
//
// Backends: ELPA (2-stage solver) and ScaLAPACK pdsyevr (range 'I'). Both need square blocks
// (row_block == col_block). They overwrite their input, so solve() takes the matrix by value:
// pass std::move(a) when a is no longer needed to avoid holding a second N×N copy.
#include "hykal/parallel/distributed_matrix.hpp"

#include <memory>
#include <string>
#include <vector>

namespace hykal::parallel {

enum class EigensolverKind { elpa, scalapack };

// "elpa" or "scalapack"; anything else is a SettingError ("eigensolver").
EigensolverKind eigensolver_from_name(const std::string& name);
std::string eigensolver_name(EigensolverKind kind);

// Which end of the spectrum to compute.
enum class SpectrumEnd { smallest, largest };

struct EigenPairs {
  // k eigenvalues in ascending order, the same on every rank (for SpectrumEnd::largest the
  // largest eigenvalue is values.back()).
  std::vector<double> values;
  // N × k, column c is the unit eigenvector of values[c]; same grid and block size as the input.
  DistributedMatrix vectors;
};

class Eigensolver {
 public:
  virtual ~Eigensolver() = default;
  virtual EigensolverKind kind() const = 0;
  // Collective over a.grid(). a must be square and symmetric with both triangles stored;
  // 1 ≤ k ≤ a.rows() (InternalError otherwise).
  virtual EigenPairs solve(DistributedMatrix a, int k, SpectrumEnd end) const = 0;
};

// The preconditions every backend checks: a square, square blocks, 1 ≤ k ≤ N (InternalError).
void check_eigenproblem(const DistributedMatrix& a, int k);

std::unique_ptr<Eigensolver> make_eigensolver(EigensolverKind kind);

// Shorthand for make_eigensolver(kind)->solve(std::move(a), k, end).
EigenPairs solve_symmetric(EigensolverKind kind, DistributedMatrix a, int k, SpectrumEnd end);

}  // namespace hykal::parallel
