#pragma once
// The SOAP power spectrum exactly as DScribe 2.1 computes it (fixtures/dscribe/CONVENTIONS.md;
// METHOD.md §2), for one frame at a time: each rank calls it on its own frames.
//
// Pipeline, one step per file so that GAP can later add a smooth cutoff, normalisation and
// gradients without a second implementation:
//   neighbour_list      → neighbours within r_cut + 3.7 sigma, images included
//   radial_basis        → I_nl(r), the distance-only part of the coefficients (gto/polynomial)
//   radial_table        → I_nl(r) interpolated on a fine grid (built once per setting)
//   real_spherical_harmonics → Y_lm(r̂)
//   coefficients        → c^Z_nlm = sum_{i in Z} I_nl(r_i) Y_lm(r̂_i)     (§2)
//   power spectrum      → p^{ab}_{nn'l} = pi sqrt(8/(2l+1)) sum_m c^a_nlm c^b_n'lm  (§3)
#include "hykal/descriptors/neighbour_list.hpp"
#include "hykal/descriptors/power_spectrum.hpp"
#include "hykal/descriptors/radial_table.hpp"
#include "hykal/descriptors/real_spherical_harmonics.hpp"
#include "hykal/descriptors/soap_settings.hpp"
#include "hykal/io/frame.hpp"

#include <Eigen/Core>

#include <array>
#include <memory>
#include <vector>

namespace hykal::descriptors {

// One row per atom (or frame), row-major so that a row is contiguous and a frame's block can be
// sent or written as one piece.
using DescriptorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class SoapCalculator {
 public:
  // Validates the settings (InputError naming the option) and builds the radial table.
  explicit SoapCalculator(const SoapSettings& settings);

  const SoapSettings& settings() const { return settings_; }
  // Length p of one power spectrum: (S n_max)(S n_max + 1)/2 (l_max + 1).
  int feature_count() const { return power_spectrum_.feature_count(); }
  // Coefficients per centre: S (l_max+1)^2 n_max, ordered [species][l][n][m].
  int coefficient_count() const { return power_spectrum_.coefficient_count(); }

  // DScribe average="off": n_atoms × p, row i = atom i in input order.
  DescriptorMatrix per_atom(const io::Frame& frame) const;
  // Only the given centres (atom indices), one row each, in the order given.
  DescriptorMatrix per_atom(const io::Frame& frame, const std::vector<int>& centres) const;
  // DScribe average="outer" (mean of per-atom spectra) or "inner" (spectrum of the mean
  // coefficients); average="off" is per_atom().
  Eigen::VectorXd average(const io::Frame& frame, SoapAverage mode) const;

  // Expansion coefficients of the given centres, one row each (coefficient_count() columns).
  DescriptorMatrix coefficients(const io::Frame& frame, const std::vector<int>& centres) const;
  // Power spectrum (feature_count() values) of one centre's coefficients, DScribe's order (§3.2).
  void power_spectrum(const double* coefficients, double* features) const;

 private:
  // Species index (position in settings().species) of every atom; InputError naming the frame
  // and element for an element not in soap.species.
  std::vector<int> species_indices(const io::Frame& frame) const;
  void accumulate_centre(const NeighbourList& neighbours, int centre,
                         const std::vector<int>& species, double* coefficients) const;

  SoapSettings settings_;
  double neighbour_cutoff_ = 0.0;
  std::shared_ptr<const RadialTable> radial_table_;
  RealSphericalHarmonics harmonics_;
  PowerSpectrum power_spectrum_;
};

}  // namespace hykal::descriptors
