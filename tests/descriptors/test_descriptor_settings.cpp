// Invalid settings and frames are InputErrors that name the option, or the frame and element.
#include "hykal/descriptors/coulomb_matrix.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/error.hpp"

#include <catch2/catch.hpp>

using namespace hykal;
using namespace hykal::descriptors;

namespace {

SoapSettings valid() {
  SoapSettings settings;
  settings.n_max = 2;
  settings.l_max = 2;
  settings.r_cut = 3.0;
  settings.species = {52, 8, 8};
  return settings;
}

void check_rejected(const SoapSettings& settings, const std::string& option) {
  CHECK_THROWS_AS(SoapCalculator(settings), InputError);
  CHECK_THROWS_WITH(SoapCalculator(settings), Catch::StartsWith(option));
}

}  // namespace

TEST_CASE("SOAP settings are validated, naming the quantity", "[soap][settings]") {
  SoapSettings s = valid();
  s.n_max = 0;
  check_rejected(s, "n_max:");
  s = valid();
  s.l_max = 21;
  check_rejected(s, "l_max:");
  s = valid();
  s.sigma = 0.0;
  check_rejected(s, "sigma:");
  s = valid();
  s.basis = RadialBasisType::gto;
  s.r_cut = 1.0;
  check_rejected(s, "r_cut:");
  s = valid();
  s.species.clear();
  check_rejected(s, "species:");
  CHECK_THROWS_WITH(parse_radial_basis("gaussian"), Catch::StartsWith("radial basis:"));
  CHECK_THROWS_WITH(parse_soap_average("mean"), Catch::StartsWith("average:"));
  CHECK_THROWS_WITH(parse_coulomb_permutation("random"), Catch::StartsWith("permutation:"));

  // Species are sorted and de-duplicated; the feature count follows CONVENTIONS.md §3.2.
  const SoapCalculator soap(valid());
  CHECK(soap.settings().species == std::vector<int>{8, 52});
  CHECK(soap.feature_count() == (2 * 2) * (2 * 2 + 1) / 2 * 3);
}

TEST_CASE("an element missing from soap.species names the frame and element", "[soap][settings]") {
  io::Frame frame;
  frame.atomic_numbers = {52, 33};
  frame.positions.resize(2, 3);
  frame.positions << 0, 0, 0, 2.5, 0, 0;
  frame.source_file = "glass.xyz";
  frame.source_index = 12;
  const SoapCalculator soap(valid());
  CHECK_THROWS_AS(soap.per_atom(frame), InputError);
  CHECK_THROWS_WITH(soap.per_atom(frame), Catch::Contains("glass.xyz: frame 12") && Catch::Contains("As"));
}

TEST_CASE("listed but absent species give zero blocks", "[soap][settings]") {
  io::Frame frame;
  frame.atomic_numbers = {8, 8};
  frame.positions.resize(2, 3);
  frame.positions << 0, 0, 0, 1.2, 0, 0;
  const SoapCalculator soap(valid());  // O and Te; no Te here
  const DescriptorMatrix p = soap.per_atom(frame);
  // Blocks: OO (n n' >= n: 3 per l) first, then OTe and TeTe are zero.
  const int oo = 3 * 3;
  CHECK(p.leftCols(oo).cwiseAbs().maxCoeff() > 0.0);
  CHECK(p.rightCols(p.cols() - oo).isZero(0.0));
}

TEST_CASE("Coulomb settings and frame size are validated", "[coulomb][settings]") {
  CHECK_THROWS_WITH(CoulombMatrix({CoulombPermutation::none, 0}), Catch::StartsWith("n_atoms_max:"));
  io::Frame frame;
  frame.atomic_numbers = {1, 1, 1};
  frame.positions = io::AtomVectors::Random(3, 3);
  frame.source_file = "big.xyz";
  frame.source_index = 3;
  CHECK_THROWS_WITH(CoulombMatrix({CoulombPermutation::none, 2}).compute(frame),
                    Catch::Contains("big.xyz: frame 3") && Catch::Contains("n_atoms_max"));
}
