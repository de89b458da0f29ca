// Forces and virials of a fitted GAP model against central finite differences of its own energy
// (the independent reference): F = −∂E/∂r, W = −∂E/∂ε for a homogeneous strain ε of positions
// and cell. Cases: a triclinic periodic cell whose cutoff (6 Å) exceeds every cell vector, so
// atoms see several images of themselves, and a molecule without a cell. Relative error ≤ 1e-6.
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"

#include "gap_test_support.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

using hykal::test::relative_difference;

namespace {

hykal::io::Frame triclinic_cell() {
  hykal::io::Frame frame;
  frame.atomic_numbers = {18, 18, 18};
  frame.cell << 4.1, 0.0, 0.0, 0.9, 3.9, 0.0, 0.4, 0.7, 4.2;
  frame.pbc = {true, true, true};
  frame.positions = hykal::io::AtomVectors(3, 3);
  frame.positions << 0.1, 0.2, 0.1, 2.3, 1.9, 0.5, 1.2, 0.4, 2.6;
  return frame;
}

hykal::io::Frame molecule() {
  hykal::io::Frame frame;
  frame.atomic_numbers = {18, 18, 18, 18, 18};
  frame.positions = hykal::io::AtomVectors(5, 3);
  frame.positions << 0.0, 0.0, 0.0, 2.6, 0.3, 0.1, 0.9, 2.5, -0.4, 1.1, 1.0, 2.4, 3.9, 2.9, 1.7;
  return frame;
}

// Five-point stencils (error O(h⁴)) with h = 1e-3: the energy is a sum of many kernel terms,
// so its rounding error (~1e-11 eV) divided by a smaller step would swamp the comparison.
const double step = 1e-3;

template <class Energy>
double derivative(const Energy& energy) {
  return (8 * (energy(step) - energy(-step)) - (energy(2 * step) - energy(-2 * step))) / (12 * step);
}

hykal::io::AtomVectors finite_difference_forces(const hykal::gap::GapPredictor& model, const hykal::io::Frame& frame) {
  hykal::io::AtomVectors forces(frame.n_atoms(), 3);
  for (Eigen::Index i = 0; i < forces.rows(); ++i) {
    for (int x = 0; x < 3; ++x) {
      forces(i, x) = -derivative([&](double h) {
        hykal::io::Frame moved = frame;
        moved.positions(i, x) += h;
        return model.predict(moved).energy;
      });
    }
  }
  return forces;
}

// W_ab = −∂E/∂ε_ab with r → r (1 + ε)ᵀ for positions and cell rows.
Eigen::Matrix3d finite_difference_virial(const hykal::gap::GapPredictor& model, const hykal::io::Frame& frame) {
  Eigen::Matrix3d virial;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      virial(a, b) = -derivative([&](double h) {
        Eigen::Matrix3d deformation = Eigen::Matrix3d::Identity();
        deformation(a, b) += h;
        hykal::io::Frame strained = frame;
        strained.positions = frame.positions * deformation.transpose();
        strained.cell = frame.cell * deformation.transpose();
        return model.predict(strained).energy;
      });
    }
  }
  return virial;
}

// Analytic against finite-difference forces and virials on the two test structures.
void check_derivatives(const hykal::gap::GapPredictor& predictor, const std::vector<int>& species) {
  for (hykal::io::Frame frame : {triclinic_cell(), molecule()}) {
    for (std::size_t i = 0; i < frame.n_atoms(); ++i) frame.atomic_numbers[i] = species[i % species.size()];
    INFO((frame.has_cell() ? "triclinic cell shorter than the cutoff" : "molecule"));
    const hykal::gap::Prediction prediction = predictor.predict(frame);
    CHECK(prediction.forces.cwiseAbs().maxCoeff() > 1e-3);
    CHECK(relative_difference(prediction.forces, finite_difference_forces(predictor, frame)) < 1e-6);
    CHECK(relative_difference(prediction.virial, finite_difference_virial(predictor, frame)) < 1e-6);
    if (!frame.has_cell()) {  // a molecule feels no net force
      CHECK(prediction.forces.colwise().sum().norm() < 1e-10 * prediction.forces.cwiseAbs().maxCoeff());
    }
  }
}

}  // namespace

// Every rank fits on its own (MPI_COMM_SELF): this test is about derivatives, not distribution.
TEST_CASE("GAP forces and virials equal finite differences of the energy: two-body", "[gap]") {
  const std::vector<hykal::io::Frame> training = hykal::test::lennard_jones_frames(4, 11);
  const hykal::gap::GapModel model = hykal::gap::fit_gap(training, 0, hykal::test::lennard_jones_fit_settings(), MPI_COMM_SELF);
  check_derivatives(hykal::gap::GapPredictor(model), {18});
}

TEST_CASE("GAP forces and virials equal finite differences of the energy: two-body + SOAP", "[gap]") {
  // Two species (Ar, Kr) on alternate atoms, so that SOAP has two channels and cross terms.
  std::vector<hykal::io::Frame> training = hykal::test::lennard_jones_frames(4, 11);
  for (std::size_t f = 1; f < training.size(); ++f) {
    for (std::size_t i = 1; i < training[f].n_atoms(); i += 2) training[f].atomic_numbers[i] = 36;
  }
  hykal::io::Frame isolated_krypton = training[0];
  isolated_krypton.atomic_numbers = {36};
  training.push_back(isolated_krypton);
  hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(10);
  settings.terms.push_back(hykal::test::soap_settings(15));
  const hykal::gap::GapModel model = hykal::gap::fit_gap(training, 0, settings, MPI_COMM_SELF);
  check_derivatives(hykal::gap::GapPredictor(model), {18, 36});
  // The SOAP term alone, so that its part is not hidden behind the two-body forces.
  hykal::gap::GapModel soap_only = model;
  soap_only.terms.erase(soap_only.terms.begin());
  check_derivatives(hykal::gap::GapPredictor(soap_only), {18, 36});
}
