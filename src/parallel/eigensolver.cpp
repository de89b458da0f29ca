#include "hykal/parallel/eigensolver.hpp"

#include "hykal/error.hpp"
#include "hykal/parallel/elpa_eigensolver.hpp"
#include "hykal/parallel/scalapack_eigensolver.hpp"

#include <utility>

namespace hykal::parallel {

EigensolverKind eigensolver_from_name(const std::string& name) {
  if (name == "elpa") return EigensolverKind::elpa;
  if (name == "scalapack") return EigensolverKind::scalapack;
  throw SettingError("eigensolver", "unknown eigensolver '" + name + "' (expected elpa or scalapack)");
}

std::string eigensolver_name(EigensolverKind kind) {
  switch (kind) {
    case EigensolverKind::elpa: return "elpa";
    case EigensolverKind::scalapack: return "scalapack";
  }
  HYKAL_THROW("unknown EigensolverKind");
}

void check_eigenproblem(const DistributedMatrix& a, int k) {
  HYKAL_ASSERT(a.rows() == a.cols(), "eigenproblem of a " + std::to_string(a.rows()) + " x " +
                                         std::to_string(a.cols()) + " matrix");
  HYKAL_ASSERT(a.row_block() == a.col_block(), "ELPA and pdsyevr need square blocks");
  HYKAL_ASSERT(k >= 1 && k <= a.rows(), "k = " + std::to_string(k) + " eigenpairs of " + std::to_string(a.rows()));
}

std::unique_ptr<Eigensolver> make_eigensolver(EigensolverKind kind) {
  switch (kind) {
    case EigensolverKind::elpa: return std::make_unique<ElpaEigensolver>();
    case EigensolverKind::scalapack: return std::make_unique<ScalapackEigensolver>();
  }
  HYKAL_THROW("unknown EigensolverKind");
}

EigenPairs solve_symmetric(EigensolverKind kind, DistributedMatrix a, int k, SpectrumEnd end) {
  return make_eigensolver(kind)->solve(std::move(a), k, end);
}

}  // namespace hykal::parallel
