#pragma once
// The SOAP descriptor of the GAP potential, one environment per atom (METHOD.md §7).
//
// Around centre i, the density of species s is a sum of Gaussians of width atom_sigma on the
// neighbour images j within the cutoff rc, each weighted by the cosine cutoff f_c (smooth_cutoff.hpp).
// Its radial functions are gap_fit's (equispaced_gaussian_basis.hpp); the radial table, real
// harmonics and power spectrum layout are the DScribe mode's (power_spectrum.hpp;
// CONVENTIONS.md §2–3):
//   c^s_{nlm} = Σ_{j in s, 0 < r_ij < rc} f_c(r_ij) I_nl(r_ij) Y_lm(r̂_ij)  (+ the centre's own
//               Gaussian, I_n0(0) / sqrt(4π), f_c = 1),
//   p^{ab}_{nn'l} = w π sqrt(8/(2l+1)) Σ_m c^a_{nlm} c^b_{n'lm},    q = p / |p|,
// with w = √2 when (a, n) ≠ (b, n') and 1 otherwise: gap_fit's soap weighting, under which q·q'
// sums over every ordered pair of density channels (soap_term.cpp).
// The derivatives with respect to the displacement r_ij of each neighbour image j:
//   ∂c^s_{nlm}/∂r_ij = (f_c I_nl)'(r_ij) Y_lm r̂_ij + f_c I_nl ∇Y_lm(r̂_ij),
//   ∂p/∂r_ij from the product rule on the species s of j,   ∂q/∂r_ij = (1 - q qᵀ) ∂p/∂r_ij / |p|,
// where I' is the derivative of the table's interpolant, so the gradients are those of the
// values q themselves (not of the exact integrals), up to the interpolant's ~1e-12 steps between
// table intervals.
//
// Unlike the DScribe mode (neighbours to r_cut + 3.7 sigma, no cutoff function, no
// normalisation; SoapCalculator, unchanged), neighbours stop at rc: the potential is local.
// The channel of an environment is its centre's species, the index in the sorted model species.
// Work is per centre: ∂q/∂r of one centre lives in reused buffers while visit runs, never for a
// whole frame.
#include "hykal/descriptors/neighbour_list.hpp"
#include "hykal/descriptors/power_spectrum.hpp"
#include "hykal/descriptors/radial_table.hpp"
#include "hykal/descriptors/real_spherical_harmonics.hpp"
#include "hykal/descriptors/soap_settings.hpp"
#include "hykal/gap/descriptor_term.hpp"
#include "hykal/gap/smooth_cutoff.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace hykal::gap {

// Defaults are the authors' AsTe3 potential (METHOD.md §7).
struct SoapTermSettings {
  std::vector<int> species;  // atomic numbers of the model; sorted and de-duplicated
  double cutoff = 4.91;                  // rc, Å (key gap.cutoff)
  double cutoff_transition_width = 1.0;  // w, Å, 0 <= w <= rc (gap.cutoff_transition_width)
  int l_max = 5;                         // (gap.soap_l_max)
  int n_max = 6;                         // (gap.soap_n_max)
  double atom_sigma = 0.4;               // Å (gap.soap_atom_sigma)
  // Radial basis of the densities. Unset: gap_fit's equispaced Gaussians (its soap default,
  // equispaced_gaussian_basis.hpp), the potential's. Set: one of DScribe's bases, by which the
  // tests compare the expansion with DScribe's values.
  std::optional<descriptors::RadialBasisType> dscribe_basis;
};

class SoapTerm final : public DescriptorTerm {
 public:
  // Validates the settings and builds the radial table. A bad value is a SettingError naming the
  // quantity as the struct's field does (n_max, l_max, atom_sigma, cutoff,
  // cutoff_transition_width, species); the application maps it to its gap.* key.
  explicit SoapTerm(const SoapTermSettings& settings);
  ~SoapTerm() override;

  const SoapTermSettings& settings() const { return settings_; }

  int dimension() const override { return power_spectrum_.feature_count(); }
  int channel_count() const override { return static_cast<int>(settings_.species.size()); }
  std::string channel_name(int channel) const override;  // element symbol of the centre

  // Environments of every atom in frame order. InputError naming the frame for an element not
  // in the model's species or a periodic frame without a cell.
  void for_each_environment(const io::Frame& frame, bool with_gradients,
                            const std::function<void(const Environment&)>& visit) const override;

 private:
  struct CentreWorkspace;  // buffers reused from centre to centre (soap_term.cpp)

  // Coefficients of one centre into the workspace, and the per-neighbour rows the gradient needs.
  void expand_centre(const descriptors::NeighbourList& neighbours, int centre,
                     const std::vector<int>& species, bool with_gradients, CentreWorkspace& work) const;
  // ∂q/∂r_ij of the workspace's neighbour row `row` (after expand_centre and q).
  void differentiate(int row, CentreWorkspace& work, Eigen::Matrix<double, Eigen::Dynamic, 3>& dq_dr) const;

  SoapTermSettings settings_;
  SmoothCutoff smooth_cutoff_;
  descriptors::PowerSpectrum power_spectrum_;
  descriptors::RealSphericalHarmonics harmonics_;
  Eigen::VectorXd feature_weights_;  // √2 on the cross-channel features, 1 on the diagonal (gap_fit)
  std::unique_ptr<const descriptors::RadialTable> radial_table_;
};

}  // namespace hykal::gap
