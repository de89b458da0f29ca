#include "hykal/descriptors/radial_basis.hpp"

namespace hykal::descriptors {

RadialIntegrals radial_integrals(const SoapSettings& settings) {
  return settings.basis == RadialBasisType::gto ? gto_radial_integrals(settings)
                                                : polynomial_radial_integrals(settings);
}

}  // namespace hykal::descriptors
