#pragma once
// The built-in GAP fit as the user sets it: one plain value per gap.* key (docs/configuration.md;
// defaults are the authors' converged settings, METHOD.md §7), and its translation into the
// terms the fit builds (gap_fit.hpp: FitSettings). Kept flat and named like the keys so that the
// Bayesian optimisation can replace single hyperparameters by name (learning/gap_hyperparameters.hpp).
#include "hykal/gap/e0.hpp"
#include "hykal/gap/gap_fit.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hykal::gap {

struct GapSettings {
  std::string backend = "builtin";        // builtin | quip (quip_backend.hpp)
  std::string gap_fit = "gap_fit";        // QUIP's programs for backend quip: paths or names on PATH
  std::string quip = "quip";
  double cutoff = 4.91;                   // Å, both descriptors
  double cutoff_transition_width = 1.0;   // Å, cosine transition below the cutoff
  double two_body_delta = 0.29;           // eV
  double two_body_theta = 1.0;            // Å
  int two_body_n_sparse = 20;             // per species pair; 0: no two-body term
  int soap_l_max = 5;
  int soap_n_max = 6;
  double soap_atom_sigma = 0.4;           // Å
  double soap_zeta = 4.0;
  double soap_delta = 0.29;               // eV
  int soap_n_sparse = 1800;               // per central species; 0: no SOAP term
  double sigma_energy = 0.001;            // eV/atom
  std::optional<double> sigma_force = 0.05;   // eV/Å; none: forces are not fitted
  std::optional<double> sigma_virial = 0.05;  // eV/atom; none: virials are not fitted
  double sparse_jitter = 1e-12;           // eV²
  E0Settings e0;                          // isolated by default
  std::uint64_t seed = 1;                 // CUR sampling, as gap_fit's rnd_seed
  double fit_timeout = 0.0;               // s; 0: no limit
  int block_size = 64;                    // ScaLAPACK blocks (parallel.block_size)
};

// The terms (two-body: squared exponential, uniform sparse points; SOAP: dot product to ζ, CUR)
// and fit values of the settings. A term whose n_sparse is 0 is left out.
FitSettings fit_settings(const GapSettings& settings);

// Every check that needs no frame: InputError whose message starts with the gap.* key at fault.
void check(const GapSettings& settings);

}  // namespace hykal::gap
