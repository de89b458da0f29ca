#pragma once
// A fitted GAP potential (METHOD.md §7): E = Σ_species e0 + Σ_terms Σ_environments
// w · δ² Σ_m α_m k(q, x_m), with sparse points x_m and coefficients α_m per term and channel —
// or, fitted by QUIP's gap_fit (gap.backend = quip), the same record with gap_fit's potential
// (its XML) in place of the sparse points and coefficients (quip_model.hpp).
#include "hykal/gap/term_settings.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hykal::gap {

struct TrainedTerm {
  TermSettings settings;
  std::vector<Eigen::MatrixXd> sparse_points;  // per channel, M_c × p (as the covariance uses them)
  std::vector<Eigen::VectorXd> coefficients;   // per channel, α (length M_c, 1/eV)
};

// What the model was fitted to, so that a model file can be traced to its data.
struct TrainingSignature {
  std::int64_t n_frames = 0;
  std::int64_t n_atoms = 0;
  std::int64_t n_energies = 0;
  std::int64_t n_force_components = 0;
  std::int64_t n_virial_components = 0;
  std::uint64_t frames_hash = 0;  // FNV-1a of every frame's source file and index, in global order
};

struct GapModel {
  std::vector<int> species;      // atomic numbers, ascending
  std::map<int, double> e0;      // eV per atom of each species
  std::vector<TrainedTerm> terms;
  TrainingSignature training;
  // Fit settings kept for the record (model file): σ_E (eV/atom), σ_F (eV/Å), σ_V (eV/atom), jitter.
  std::map<std::string, double> fit_values;
  std::string e0_method;
  // "builtin": the terms' sparse points and coefficients are the potential. "quip": quip_xml
  // is (gap_fit's potential file, sparse points inside); the terms hold their settings only.
  std::string backend = "builtin";
  std::string quip_xml;
};

}  // namespace hykal::gap
