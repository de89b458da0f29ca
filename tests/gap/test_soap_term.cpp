// The SOAP term of the GAP potential (gap/soap_term.hpp) against references independent of its
// derivative code: central finite differences of q and of E = Σ c·q under atom moves and under a
// homogeneous strain (the virial), symmetries (rotation, |q| = 1), and the analytic shape of the
// cosine cutoff as a neighbour crosses rc.
#include "soap_term_test_support.hpp"

#include "hykal/error.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/hdf5.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

using namespace hykal;
using gap::SoapTerm;
using gap::SoapTermSettings;

namespace {

using Basis = std::optional<descriptors::RadialBasisType>;  // unset: gap_fit's equispaced Gaussians
const std::vector<Basis> every_basis{std::nullopt, descriptors::RadialBasisType::polynomial,
                                     descriptors::RadialBasisType::gto};

std::string name_of(const Basis& basis) { return basis ? descriptors::to_string(*basis) : "gap_fit"; }

// The authors' settings (METHOD.md §7) on As and Te.
SoapTermSettings aste3_settings(const Basis& basis) {
  SoapTermSettings settings;
  settings.species = {52, 33};
  settings.dscribe_basis = basis;
  return settings;
}

// Finite-difference step, Å (or strain): truncation h² q''' and rounding 1e-16/h both ≲ 1e-9.
constexpr double step = 1e-5;

double relative_error(const Eigen::MatrixXd& ours, const Eigen::MatrixXd& reference) {
  return (ours - reference).cwiseAbs().maxCoeff() / reference.cwiseAbs().maxCoeff();
}

io::Frame strained(const io::Frame& frame, const Eigen::Matrix3d& deformation) {
  io::Frame result = frame;
  result.positions = frame.positions * deformation.transpose();
  result.cell = frame.cell * deformation.transpose();
  return result;
}

// gap_fit's weights of DScribe's features (species a <= b, then l, then n, n' with n' >= n when
// a = b): √2 on every pair of density channels (a, n) ≠ (b, n'), 1 on the diagonal (soap_calc in
// GAP's descriptors.F90).
Eigen::RowVectorXd gap_fit_feature_weights(int n_species, int n_max, int l_max) {
  std::vector<double> weights;
  for (int a = 0; a < n_species; ++a)
    for (int b = a; b < n_species; ++b)
      for (int l = 0; l <= l_max; ++l)
        for (int n = 0; n < n_max; ++n)
          for (int n2 = a == b ? n : 0; n2 < n_max; ++n2) weights.push_back(a == b && n == n2 ? 1.0 : std::sqrt(2.0));
  return Eigen::Map<const Eigen::RowVectorXd>(weights.data(), static_cast<Eigen::Index>(weights.size()));
}

}  // namespace

TEST_CASE("q is DScribe's power spectrum with gap_fit's √2 weights, normalised, when every neighbour is inside rc - w",
          "[gap][soap]") {
  // Te2O4 molecule: its largest distance, 5.57 Å, is below 6 - 0.4 Å, so f_c = 1 everywhere and
  // the neighbours are DScribe's (all atoms): the rows of DScribe 2.1.1's per-atom SOAP
  // (fixtures/dscribe, n_max 4, l_max 3, r_cut 6 Å, sigma 0.5 Å), cross-channel features times √2,
  // divided by their norms.
  const io::Frame frame = io::read_extxyz(test::fixture("structures/te2o4_molecule.xyz")).at(0);
  const auto file = io::hdf5::open_read_only(test::fixture("dscribe/te2o4_molecule.h5"));
  for (auto basis : {descriptors::RadialBasisType::polynomial, descriptors::RadialBasisType::gto}) {
    SoapTermSettings settings;
    settings.species = {8, 52};
    settings.cutoff = 6.0;
    settings.cutoff_transition_width = 0.4;
    settings.n_max = 4;
    settings.l_max = 3;
    settings.atom_sigma = 0.5;
    settings.dscribe_basis = basis;
    const SoapTerm term(settings);
    const std::string key = "soap_te2o4_molecule/soap__" + descriptors::to_string(basis) +
                            "__n4l3__rc6.0__sigma0.5__periodic0__off";
    const io::hdf5::DoubleArray reference = io::hdf5::read_doubles(file, key);
    INFO(key);
    REQUIRE(reference.values.size() == frame.n_atoms() * static_cast<std::size_t>(term.dimension()));
    using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::MatrixXd normalised = Eigen::Map<const RowMajorMatrix>(
        reference.values.data(), static_cast<Eigen::Index>(frame.n_atoms()), term.dimension());
    normalised = normalised.array().rowwise() * gap_fit_feature_weights(2, 4, 3).array();
    normalised.rowwise().normalize();
    CHECK(relative_error(test::all_descriptors(term, frame), normalised) < 1e-10);
  }
}

TEST_CASE("∂q/∂r_ij equals central finite differences of q", "[gap][soap]") {
  for (const io::Frame& frame : {test::small_triclinic_cell(), test::small_molecule()})
    for (const Basis& basis : every_basis) {
      INFO(frame.source_file << ", " << name_of(basis));
      const SoapTerm term(aste3_settings(basis));
      const int n = static_cast<int>(frame.n_atoms()), p = term.dimension();
      // ∂q_i/∂r_j of every centre i and atom j: each image's entry moves with its atom, and the
      // centre moves against all its neighbours (environment.hpp).
      std::vector<Eigen::MatrixXd> analytic(n, Eigen::MatrixXd::Zero(p, 3 * n));
      int own_images = 0;
      term.for_each_environment(frame, true, [&](const gap::Environment& environment) {
        for (const gap::NeighbourDerivative& neighbour : environment.neighbours) {
          analytic[environment.centre].middleCols(3 * neighbour.atom, 3) += neighbour.dq_dr;
          analytic[environment.centre].middleCols(3 * environment.centre, 3) -= neighbour.dq_dr;
          own_images += neighbour.atom == environment.centre;
        }
      });
      if (frame.pbc[0]) CHECK(own_images >= 2 * n);  // the cell is shorter than the cutoff
      for (int j = 0; j < n; ++j)
        for (int axis = 0; axis < 3; ++axis) {
          io::Frame forward = frame, backward = frame;
          forward.positions(j, axis) += step;
          backward.positions(j, axis) -= step;
          const Eigen::MatrixXd difference =
              (test::all_descriptors(term, forward) - test::all_descriptors(term, backward)) / (2.0 * step);
          for (int i = 0; i < n; ++i) {
            INFO("centre " << i << ", atom " << j << ", axis " << axis);
            CHECK(relative_error(analytic[i].col(3 * j + axis), difference.row(i).transpose()) < 1e-6);
          }
        }
    }
}

TEST_CASE("forces and virial of E = Σ c·q equal finite differences; forces sum to zero", "[gap][soap]") {
  for (const io::Frame& frame : {test::small_triclinic_cell(), test::small_molecule()})
    for (const Basis& basis : every_basis) {
      INFO(frame.source_file << ", " << name_of(basis));
      const SoapTerm term(aste3_settings(basis));
      const Eigen::MatrixXd weights = test::random_weights(term, 17);
      const test::ForcesAndVirial analytic = test::analytic_forces_and_virial(term, frame, weights);
      const auto energy = [&](const io::Frame& moved) { return test::linear_energy(term, moved, weights); };

      Eigen::MatrixXd forces(frame.n_atoms(), 3);
      for (Eigen::Index j = 0; j < forces.rows(); ++j)
        for (int axis = 0; axis < 3; ++axis) {
          io::Frame forward = frame, backward = frame;
          forward.positions(j, axis) += step;
          backward.positions(j, axis) -= step;
          forces(j, axis) = -(energy(forward) - energy(backward)) / (2.0 * step);
        }
      CHECK(relative_error(analytic.forces, forces) < 1e-6);
      CHECK(analytic.forces.colwise().sum().norm() < 1e-12 * analytic.forces.cwiseAbs().maxCoeff());

      // Positions and cell deformed by 1 + ε: ∂E/∂ε_ab = Σ (∂E/∂r_ij)_a (r_ij)_b, so the virial
      // W = -Σ r_ij ⊗ ∂E/∂r_ij is -(∂E/∂ε)ᵀ (ASE's sign; symmetric for a rotation-invariant E).
      Eigen::Matrix3d strain_derivative;
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
          Eigen::Matrix3d strain = Eigen::Matrix3d::Zero();
          strain(a, b) = step;
          const Eigen::Matrix3d identity = Eigen::Matrix3d::Identity();
          strain_derivative(a, b) =
              (energy(strained(frame, identity + strain)) - energy(strained(frame, identity - strain))) / (2.0 * step);
        }
      CHECK(relative_error(analytic.virial, -strain_derivative.transpose()) < 1e-6);
      CHECK(relative_error(analytic.virial, analytic.virial.transpose()) < 1e-10);
    }
}

TEST_CASE("q is a unit vector, invariant under rotation, the same with and without gradients", "[gap][soap]") {
  const SoapTerm term(aste3_settings(std::nullopt));
  const io::Frame frame = test::small_triclinic_cell();
  const Eigen::MatrixXd q = test::all_descriptors(term, frame);
  for (Eigen::Index i = 0; i < q.rows(); ++i) CHECK(std::abs(q.row(i).norm() - 1.0) < 1e-14);

  io::Frame rotated = frame;
  const Eigen::Matrix3d rotation =
      Eigen::AngleAxisd(0.9, Eigen::Vector3d(0.3, -1.0, 2.0).normalized()).toRotationMatrix();
  rotated.positions = frame.positions * rotation.transpose();
  rotated.cell = frame.cell * rotation.transpose();
  CHECK(relative_error(test::all_descriptors(term, rotated), q) < 1e-10);

  term.for_each_environment(frame, true, [&](const gap::Environment& environment) {
    CHECK((environment.q - q.row(environment.centre).transpose()).cwiseAbs().maxCoeff() < 1e-15);
    CHECK(environment.channel == (frame.atomic_numbers[environment.centre] == 33 ? 0 : 1));
  });
  CHECK(term.channel_name(0) == "As");
  CHECK(term.channel_name(1) == "Te");
}

TEST_CASE("a neighbour's contribution vanishes smoothly as it crosses the cutoff", "[gap][soap]") {
  const SoapTermSettings settings = aste3_settings(std::nullopt);
  const SoapTerm term(settings);
  const double cutoff = settings.cutoff, width = settings.cutoff_transition_width;
  const Eigen::Vector3d direction = Eigen::Vector3d(0.4, -0.7, 0.6).normalized();

  // As at the origin, Te at distance r: q of the As centre and |∂q/∂r_ij| of the Te neighbour.
  const auto dimer = [&](double r) {
    io::Frame frame;
    frame.atomic_numbers = {33, 52};
    frame.positions = io::AtomVectors::Zero(2, 3);
    frame.positions.row(1) = r * direction.transpose();
    return frame;
  };
  const auto q_of_as = [&](double r) { return Eigen::VectorXd(test::all_descriptors(term, dimer(r)).row(0)); };
  const auto gradient_of_as = [&](double r) {
    Eigen::MatrixXd gradient = Eigen::MatrixXd::Zero(term.dimension(), 3);
    term.for_each_environment(dimer(r), true, [&](const gap::Environment& environment) {
      if (environment.centre == 0)
        for (const gap::NeighbourDerivative& neighbour : environment.neighbours) gradient += neighbour.dq_dr;
    });
    return gradient;
  };

  io::Frame lone;
  lone.atomic_numbers = {33};
  lone.positions = io::AtomVectors::Zero(1, 3);
  const Eigen::VectorXd isolated = test::all_descriptors(term, lone).row(0);
  CHECK((q_of_as(cutoff) - isolated).cwiseAbs().maxCoeff() < 1e-15);
  CHECK((q_of_as(cutoff + 0.01) - isolated).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(gradient_of_as(cutoff).cwiseAbs().maxCoeff() < 1e-12);

  // Below rc the Te density enters through f_c ≈ (π ε / 2w)², so q - q(isolated) shrinks as ε²
  // (its As-Te block is linear in the Te coefficients) and ∂q/∂r as ε. The next orders are ~10 %
  // at ε = 0.01 Å, hence steps of a few mÅ.
  const double deviation_far = (q_of_as(cutoff - 0.004) - isolated).norm();
  const double deviation_near = (q_of_as(cutoff - 0.002) - isolated).norm();
  CHECK(deviation_near > 0.0);
  CHECK(deviation_far / deviation_near == Approx(4.0).epsilon(0.05));
  const double gradient_far = gradient_of_as(cutoff - 0.002).norm();
  const double gradient_near = gradient_of_as(cutoff - 0.001).norm();
  CHECK(gradient_far / gradient_near == Approx(2.0).epsilon(0.05));

  // Where the transition starts, df_c/dr = 0 on both sides: ∂q/∂r has no jump.
  const Eigen::MatrixXd inside = gradient_of_as(cutoff - width - 1e-7);
  const Eigen::MatrixXd outside = gradient_of_as(cutoff - width + 1e-7);
  CHECK(relative_error(outside, inside) < 1e-5);
}

TEST_CASE("bad settings name the quantity, unknown elements the frame", "[gap][soap]") {
  const auto names = [](const std::string& quantity) {
    return Catch::Predicate<SettingError>([quantity](const SettingError& error) { return error.quantity() == quantity; },
                                          "names " + quantity);
  };
  SoapTermSettings settings = aste3_settings(std::nullopt);
  settings.cutoff_transition_width = 6.0;
  CHECK_THROWS_MATCHES(SoapTerm(settings), SettingError, names("cutoff_transition_width"));
  settings = aste3_settings(std::nullopt);
  settings.n_max = 0;
  CHECK_THROWS_MATCHES(SoapTerm(settings), SettingError, names("n_max"));
  settings = aste3_settings(std::nullopt);
  settings.species.clear();
  CHECK_THROWS_MATCHES(SoapTerm(settings), SettingError, names("species"));

  const SoapTerm term(aste3_settings(std::nullopt));
  io::Frame frame = test::small_molecule();
  frame.atomic_numbers[3] = 8;
  CHECK_THROWS_WITH(term.for_each_environment(frame, false, [](const gap::Environment&) {}),
                    Catch::Contains("small_molecule") && Catch::Contains("element O (atom 3)") &&
                        Catch::Contains("the model's species [As, Te]"));
}
