#include "hykal/descriptors/soap_settings.hpp"

#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

#include <algorithm>
#include <cmath>

namespace hykal::descriptors {

SoapSettings validated(SoapSettings settings) {
  if (settings.n_max < 1)
    throw SettingError("n_max", "must be at least 1, got " + std::to_string(settings.n_max));
  if (settings.l_max < 0 || settings.l_max > SoapSettings::max_l_max)
    throw SettingError("l_max", "must be in 0 … " + std::to_string(SoapSettings::max_l_max) +
                                    ", got " + std::to_string(settings.l_max));
  if (!(settings.sigma > 0.0))
    throw SettingError("sigma", "must be positive, got " + std::to_string(settings.sigma));
  if (!(settings.r_cut > 0.0))
    throw SettingError("r_cut", "must be positive, got " + std::to_string(settings.r_cut));
  // The GTO centres a_k = linspace(1, r_cut, n_max) need r_cut > 1 Å (CONVENTIONS.md §2.1).
  if (settings.basis == RadialBasisType::gto && !(settings.r_cut > 1.0))
    throw SettingError("r_cut", "must exceed 1 Å with the GTO basis, got " +
                                    std::to_string(settings.r_cut));
  if (settings.species.empty()) throw SettingError("species", "no species given");
  for (int z : settings.species)
    if (z < 1 || z > io::max_atomic_number)
      throw SettingError("species", "atomic number " + std::to_string(z) + " out of range");
  std::sort(settings.species.begin(), settings.species.end());
  settings.species.erase(std::unique(settings.species.begin(), settings.species.end()),
                         settings.species.end());
  return settings;
}

double neighbour_cutoff(const SoapSettings& settings) {
  return settings.r_cut + settings.sigma * std::sqrt(-2.0 * std::log(0.001));
}

RadialBasisType parse_radial_basis(const std::string& name) {
  if (name == "polynomial") return RadialBasisType::polynomial;
  if (name == "gto") return RadialBasisType::gto;
  throw SettingError("radial basis", "unknown basis '" + name + "' (polynomial or gto)");
}

SoapAverage parse_soap_average(const std::string& name) {
  if (name == "off") return SoapAverage::off;
  if (name == "inner") return SoapAverage::inner;
  if (name == "outer") return SoapAverage::outer;
  throw SettingError("average", "unknown value '" + name + "' (off, inner or outer)");
}

std::string to_string(RadialBasisType basis) {
  return basis == RadialBasisType::gto ? "gto" : "polynomial";
}

}  // namespace hykal::descriptors
