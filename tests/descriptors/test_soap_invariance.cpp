// Symmetries every correct SOAP has, independent of DScribe: rotation, translation, permutation
// of atoms, and a periodic supercell describing the same crystal as its unit cell.
#include "descriptor_test_support.hpp"
#include "hykal/descriptors/soap_calculator.hpp"

#include <catch2/catch.hpp>

#include <Eigen/Geometry>

using namespace hykal;
using namespace hykal::descriptors;

namespace {

SoapSettings settings_for(const io::Frame& frame, RadialBasisType basis) {
  SoapSettings settings;
  settings.basis = basis;
  settings.n_max = 4;
  settings.l_max = 6;
  settings.r_cut = 5.0;
  settings.periodic = true;
  settings.species = test::species_present(frame);
  return settings;
}

double relative_error(const DescriptorMatrix& ours, const DescriptorMatrix& reference) {
  REQUIRE(ours.rows() == reference.rows());
  REQUIRE(ours.cols() == reference.cols());
  return test::relative_error(ours.data(), reference.data(), static_cast<std::size_t>(reference.size()));
}

}  // namespace

TEST_CASE("SOAP is invariant under rotation, translation and permutation", "[soap][invariance]") {
  // Triclinic, two species: the least symmetric fixture structure.
  const io::Frame frame = test::fixture_structure("aste3_triclinic_64");
  for (RadialBasisType basis : {RadialBasisType::gto, RadialBasisType::polynomial}) {
    const SoapCalculator soap(settings_for(frame, basis));
    const DescriptorMatrix reference = soap.per_atom(frame);
    INFO(to_string(basis));

    io::Frame rotated = frame;
    const Eigen::Matrix3d rotation =
        Eigen::AngleAxisd(0.7, Eigen::Vector3d(1.0, -2.0, 0.5).normalized()).toRotationMatrix();
    rotated.positions = frame.positions * rotation.transpose();
    rotated.cell = frame.cell * rotation.transpose();
    CHECK(relative_error(soap.per_atom(rotated), reference) < 1e-10);

    io::Frame translated = frame;
    translated.positions.rowwise() += Eigen::RowVector3d(3.3, -7.1, 12.9);
    CHECK(relative_error(soap.per_atom(translated), reference) < 1e-10);

    // Reversed atom order: row i of the result is row n-1-i of the reference.
    io::Frame reversed = frame;
    const int n = static_cast<int>(frame.n_atoms());
    for (int i = 0; i < n; ++i) {
      reversed.atomic_numbers[i] = frame.atomic_numbers[n - 1 - i];
      reversed.positions.row(i) = frame.positions.row(n - 1 - i);
    }
    const DescriptorMatrix permuted = soap.per_atom(reversed).colwise().reverse();
    CHECK(relative_error(permuted, reference) < 1e-10);
  }
}

TEST_CASE("a 2x2x2 supercell gives the per-atom SOAP of its unit cell", "[soap][invariance]") {
  const io::Frame cell = test::fixture_structure("aste3_triclinic_64");
  io::Frame supercell = cell;
  const int n = static_cast<int>(cell.n_atoms());
  supercell.atomic_numbers.clear();
  supercell.positions.resize(8 * n, 3);
  int k = 0;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = 0; c < 2; ++c, ++k) {
        const Eigen::RowVector3d shift = a * cell.cell.row(0) + b * cell.cell.row(1) + c * cell.cell.row(2);
        for (int i = 0; i < n; ++i) {
          supercell.atomic_numbers.push_back(cell.atomic_numbers[i]);
          supercell.positions.row(k * n + i) = cell.positions.row(i) + shift;
        }
      }
  supercell.cell = 2.0 * cell.cell;
  for (RadialBasisType basis : {RadialBasisType::gto, RadialBasisType::polynomial}) {
    const SoapCalculator soap(settings_for(cell, basis));
    const DescriptorMatrix reference = soap.per_atom(cell);
    const DescriptorMatrix big = soap.per_atom(supercell);
    INFO(to_string(basis));
    for (int copy = 0; copy < 8; ++copy)
      CHECK(relative_error(big.middleRows(copy * n, n), reference) < 1e-10);
  }
}

TEST_CASE("SOAP at l_max = 20 is rotation invariant", "[soap][invariance]") {
  // The largest l DScribe supports: harmonics and Bessel recurrences at their limit.
  const io::Frame molecule = test::fixture_structure("te2o4_molecule");
  for (RadialBasisType basis : {RadialBasisType::gto, RadialBasisType::polynomial}) {
    SoapSettings settings = settings_for(molecule, basis);
    settings.n_max = 2;
    settings.l_max = 20;
    settings.periodic = false;
    const SoapCalculator soap(settings);
    io::Frame rotated = molecule;
    const Eigen::Matrix3d rotation =
        Eigen::AngleAxisd(2.1, Eigen::Vector3d(0.3, 0.4, -1.0).normalized()).toRotationMatrix();
    rotated.positions = molecule.positions * rotation.transpose();
    INFO(to_string(basis));
    const DescriptorMatrix reference = soap.per_atom(molecule);
    // The last n_max (n_max + 1)/2 = 3 features are the Te–Te block at l = 20: not all zero.
    CHECK(reference.rightCols(3).cwiseAbs().maxCoeff() > 0.0);
    CHECK(relative_error(soap.per_atom(rotated), reference) < 1e-10);
  }
}
