#pragma once
// Settings of the SOAP power spectrum, named as in the [soap] section of the configuration
// (docs/descriptors.md). Defaults are the authors' (METHOD.md §2): polynomial basis, r_cut 5.5 Å,
// n_max = l_max = 8, sigma 0.5 Å, periodic.
#include <string>
#include <vector>

namespace hykal::descriptors {

// DScribe's two radial bases (fixtures/dscribe/CONVENTIONS.md §2.1, §2.2).
enum class RadialBasisType { polynomial, gto };

// DScribe's `average` option (CONVENTIONS.md §3.3).
enum class SoapAverage { off, inner, outer };

struct SoapSettings {
  RadialBasisType basis = RadialBasisType::polynomial;
  int n_max = 8;
  int l_max = 8;
  double r_cut = 5.5;   // Å
  double sigma = 0.5;   // Å, width of the atomic Gaussians
  bool periodic = true;
  std::vector<int> species;  // atomic numbers; sorted and de-duplicated by validated()

  // Largest l the hard-coded GTO harmonics of DScribe support; we keep the same limit.
  static constexpr int max_l_max = 20;
};

// The settings with species sorted by Z and de-duplicated; throws SettingError naming the
// quantity (n_max, l_max, r_cut, sigma, species) when a value is invalid.
SoapSettings validated(SoapSettings settings);

// Distance within which atoms contribute: r_cut + sigma sqrt(-2 ln 0.001) (CONVENTIONS.md §1;
// DScribe's cutoff padding, the Gaussian tail down to 1e-3).
double neighbour_cutoff(const SoapSettings& settings);

// Parsing of names; an unknown name is a SettingError ("radial basis", "average").
RadialBasisType parse_radial_basis(const std::string& name);  // "polynomial" | "gto"
SoapAverage parse_soap_average(const std::string& name);      // "off" | "inner" | "outer"
std::string to_string(RadialBasisType basis);

}  // namespace hykal::descriptors
