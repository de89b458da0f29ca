#include "hykal/gap/soap_term.hpp"

#include "hykal/descriptors/radial_basis.hpp"
#include "hykal/descriptors/species_index.hpp"
#include "hykal/error.hpp"
#include "hykal/gap/equispaced_gaussian_basis.hpp"
#include "hykal/io/periodic_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hykal::gap {

using descriptors::RadialTable;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Gradient = Eigen::Matrix<double, Eigen::Dynamic, 3>;

namespace {

// The DScribe-mode settings of the same expansion (r_cut the potential's cutoff, sigma its
// atom_sigma): their check of the species list, and the radial integrals of a DScribe basis.
descriptors::SoapSettings basis_settings(const SoapTermSettings& settings) {
  descriptors::SoapSettings basis;
  basis.basis = settings.dscribe_basis.value_or(descriptors::RadialBasisType::polynomial);
  basis.n_max = settings.n_max;
  basis.l_max = settings.l_max;
  basis.r_cut = settings.cutoff;
  basis.sigma = settings.atom_sigma;
  basis.species = settings.species;
  return basis;
}

SoapTermSettings validated(SoapTermSettings settings) {
  if (settings.n_max < 1) throw SettingError("n_max", "must be at least 1, got " + std::to_string(settings.n_max));
  if (settings.l_max < 0 || settings.l_max > descriptors::SoapSettings::max_l_max)
    throw SettingError("l_max", "must be in 0 … " + std::to_string(descriptors::SoapSettings::max_l_max) +
                                    ", got " + std::to_string(settings.l_max));
  if (!(settings.atom_sigma > 0.0))
    throw SettingError("atom_sigma", "must be positive, got " + std::to_string(settings.atom_sigma));
  if (!(settings.cutoff > 0.0))
    throw SettingError("cutoff", "must be positive, got " + std::to_string(settings.cutoff) + " Å");
  // The GTO centres a_k = linspace(1, rc, n_max) need rc > 1 Å (CONVENTIONS.md §2.1).
  if (settings.dscribe_basis == descriptors::RadialBasisType::gto && !(settings.cutoff > 1.0))
    throw SettingError("cutoff", "must exceed 1 Å with the GTO basis, got " + std::to_string(settings.cutoff) + " Å");
  if (!(settings.cutoff_transition_width >= 0.0 && settings.cutoff_transition_width <= settings.cutoff))
    throw SettingError("cutoff_transition_width",
                       "must lie in [0, cutoff], got " + std::to_string(settings.cutoff_transition_width));
  // The descriptor stage's check of the basis settings rejects an empty or invalid species list
  // (SettingError "species") and sorts and de-duplicates it.
  settings.species = descriptors::validated(basis_settings(settings)).species;
  return settings;
}

// I_nl(r) of the settings' radial basis, without the cutoff function.
descriptors::RadialIntegrals radial_functions(const SoapTermSettings& settings) {
  if (settings.dscribe_basis) return descriptors::radial_integrals(basis_settings(settings));
  return equispaced_gaussian_radial_functions(settings.cutoff, settings.n_max, settings.l_max, settings.atom_sigma);
}

// Keeps the neighbour entries' p × 3 storage when a centre has fewer neighbours than the last
// one: surplus entries are parked in spare and taken back later instead of being freed.
void resize_keeping_storage(std::vector<NeighbourDerivative>& used, std::vector<NeighbourDerivative>& spare,
                            std::size_t size) {
  while (used.size() > size) {
    spare.push_back(std::move(used.back()));
    used.pop_back();
  }
  while (used.size() < size) {
    if (spare.empty()) {
      used.emplace_back();
    } else {
      used.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
}

}  // namespace

// One centre's working set. Row k of the per-neighbour matrices is the k-th neighbour image
// off the centre inside rc; the matrices are sized once per frame for its most crowded centre.
struct SoapTerm::CentreWorkspace {
  std::vector<double> coefficients;  // c, [species][l][n][m]
  Eigen::VectorXd power;             // p
  double norm = 1.0;                 // |p|
  Environment environment;           // q and the neighbours' ∂q/∂r handed to visit
  std::vector<NeighbourDerivative> spare;

  std::vector<std::size_t> entry;  // row → entry of the neighbour list
  std::vector<int> species;        // row → species index of the neighbour
  std::vector<double> distance;    // row → r_ij, Å
  Eigen::Matrix<double, Eigen::Dynamic, 3, Eigen::RowMajor> direction;  // row → r̂_ij
  RowMatrix radial;                // f_c I_nl, [l][n]
  RowMatrix radial_derivative;     // d(f_c I_nl)/dr, 1/Å
  RowMatrix harmonics;             // Y_lm
  RowMatrix harmonic_gradient;     // r ∇Y_lm, [lm][xyz]
  std::vector<double> integral_derivative;  // I'_nl of one neighbour
  Gradient coefficient_gradient;   // ∂c^s/∂r_ij of one neighbour, [l][n][m] × xyz
  Gradient power_gradient;         // ∂p/∂r_ij, p × 3
  int rows = 0;
};

SoapTerm::SoapTerm(const SoapTermSettings& settings)
    : settings_(validated(settings)),
      smooth_cutoff_{settings_.cutoff, settings_.cutoff_transition_width},
      power_spectrum_(static_cast<int>(settings_.species.size()), settings_.n_max, settings_.l_max),
      harmonics_(settings_.l_max),
      feature_weights_(Eigen::VectorXd::Ones(power_spectrum_.feature_count())) {
  // gap_fit's soap stores each unordered pair of density channels (species, n) ≠ (species', n')
  // once, times √2 (GAP's descriptors.F90, soap_calc: SQRT_TWO on ia ≠ jb), so that q·q' is the
  // sum over all ordered channel pairs: the rotation-invariant overlap kernel, unchanged by any
  // orthogonal change of the radial basis. DScribe's layout keeps the same features without the
  // √2, which weights every cross-channel product half as much as gap_fit does.
  power_spectrum_.for_each_feature([this](int a, int b, int, int n, int n2, int feature) {
    if (a != b || n != n2) feature_weights_[feature] = std::sqrt(2.0);
  });
  // The table reaches slightly beyond rc so that rounding never leaves its range.
  radial_table_ = std::make_unique<const RadialTable>(
      radial_functions(settings_), settings_.n_max * (settings_.l_max + 1),
      settings_.cutoff * (1.0 + 1e-9) + 1e-9, RadialTable::spacing_per_sigma * settings_.atom_sigma);
}

SoapTerm::~SoapTerm() = default;

std::string SoapTerm::channel_name(int channel) const {
  return std::string(io::element_symbol(settings_.species.at(static_cast<std::size_t>(channel))));
}

void SoapTerm::expand_centre(const descriptors::NeighbourList& neighbours, int centre,
                             const std::vector<int>& species, bool with_gradients,
                             CentreWorkspace& work) const {
  const int n_max = settings_.n_max, l_max = settings_.l_max;
  std::fill(work.coefficients.begin(), work.coefficients.end(), 0.0);
  work.rows = 0;
  for (std::size_t k = neighbours.offsets[centre]; k < neighbours.offsets[centre + 1]; ++k) {
    const int s = species[neighbours.atom[k]];
    const double r = neighbours.distance[k];
    if (r <= RadialTable::on_centre_distance) {
      // The centre's own Gaussian: I_n0(0) Y_00 with Y_00 = 1/sqrt(4 pi), f_c = 1, fixed.
      const std::vector<double>& zero = radial_table_->at_zero();
      for (int n = 0; n < n_max; ++n)
        work.coefficients[power_spectrum_.coefficient_index(s, 0, n)] += zero[n] / std::sqrt(4.0 * M_PI);
      continue;
    }
    const double weight = smooth_cutoff_.value(r);
    if (weight == 0.0) continue;
    const int row = work.rows++;
    work.entry[row] = k;
    work.species[row] = s;
    work.distance[row] = r;
    const std::array<double, 3>& d = neighbours.displacement[k];
    work.direction.row(row) << d[0] / r, d[1] / r, d[2] / r;
    double* radial = work.radial.row(row).data();
    double* harmonics = work.harmonics.row(row).data();
    if (with_gradients) {
      double* radial_derivative = work.radial_derivative.row(row).data();
      radial_table_->evaluate_with_derivative(r, radial, work.integral_derivative.data());
      const double weight_derivative = smooth_cutoff_.derivative(r);
      for (int i = 0; i < radial_table_->n_functions(); ++i)
        radial_derivative[i] = weight_derivative * radial[i] + weight * work.integral_derivative[i];
      harmonics_.evaluate_with_gradient(d[0] / r, d[1] / r, d[2] / r, harmonics,
                                        work.harmonic_gradient.row(row).data());
    } else {
      radial_table_->evaluate(r, radial);
      harmonics_.evaluate(d[0] / r, d[1] / r, d[2] / r, harmonics);
    }
    for (int i = 0; i < radial_table_->n_functions(); ++i) radial[i] *= weight;
    // c^s_{nlm} += f_c I_nl Y_lm.
    for (int l = 0; l <= l_max; ++l)
      for (int n = 0; n < n_max; ++n) {
        double* c = &work.coefficients[power_spectrum_.coefficient_index(s, l, n)];
        const double radial_nl = radial[l * n_max + n];
        for (int m = 0; m < 2 * l + 1; ++m) c[m] += radial_nl * harmonics[l * l + m];
      }
  }
}

void SoapTerm::differentiate(int row, CentreWorkspace& work, Gradient& dq_dr) const {
  const int n_max = settings_.n_max, l_max = settings_.l_max;
  const int s = work.species[row];
  const double r = work.distance[row];
  const Eigen::RowVector3d direction = work.direction.row(row);
  const double* radial = work.radial.row(row).data();
  const double* radial_derivative = work.radial_derivative.row(row).data();
  const double* harmonics = work.harmonics.row(row).data();
  const double* harmonic_gradient = work.harmonic_gradient.row(row).data();
  // ∂c^s_{nlm}/∂r_ij = (f_c I_nl)' Y_lm r̂ + f_c I_nl (r ∇Y_lm) / r, rows in the order of c^s.
  Gradient& dc = work.coefficient_gradient;
  for (int l = 0; l <= l_max; ++l)
    for (int n = 0; n < n_max; ++n) {
      const int first = power_spectrum_.coefficient_index(0, l, n);
      const double along = radial_derivative[l * n_max + n], across = radial[l * n_max + n] / r;
      for (int m = 0; m < 2 * l + 1; ++m) {
        const int lm = l * l + m;
        dc.row(first + m) = along * harmonics[lm] * direction +
                            across * Eigen::Map<const Eigen::RowVector3d>(harmonic_gradient + 3 * lm);
      }
    }
  // ∂p^{ab}_{nn'l}/∂r_ij = π sqrt(8/(2l+1)) Σ_m ([a = s] ∂c^a_{nlm} c^b_{n'lm}
  //                                            + [b = s] c^a_{nlm} ∂c^b_{n'lm}):
  // only the species pairs that contain the neighbour's species s change.
  const double* c = work.coefficients.data();
  Gradient& dp = work.power_gradient;
  power_spectrum_.for_each_feature([&](int a, int b, int l, int n, int n2, int feature) {
    Eigen::RowVector3d sum = Eigen::RowVector3d::Zero();
    if (a == s) {
      const double* other = c + power_spectrum_.coefficient_index(b, l, n2);
      const int first = power_spectrum_.coefficient_index(0, l, n);
      for (int m = 0; m < 2 * l + 1; ++m) sum += other[m] * dc.row(first + m);
    }
    if (b == s) {
      const double* other = c + power_spectrum_.coefficient_index(a, l, n);
      const int first = power_spectrum_.coefficient_index(0, l, n2);
      for (int m = 0; m < 2 * l + 1; ++m) sum += other[m] * dc.row(first + m);
    }
    dp.row(feature) = (feature_weights_[feature] * power_spectrum_.prefactor(l)) * sum;
  });
  // q = p/|p|: ∂q = (1 - q qᵀ) ∂p / |p|.
  const Eigen::VectorXd& q = work.environment.q;
  const Eigen::RowVector3d q_dot_dp = q.transpose() * dp;
  dq_dr.noalias() = (dp - q * q_dot_dp) / work.norm;
}

void SoapTerm::for_each_environment(const io::Frame& frame, bool with_gradients,
                                    const std::function<void(const Environment&)>& visit) const {
  const std::vector<int> species = descriptors::species_indices(frame, settings_.species, "the model's species");
  const bool periodic = frame.pbc[0] || frame.pbc[1] || frame.pbc[2];
  const descriptors::NeighbourList neighbours = descriptors::build_neighbour_list(frame, settings_.cutoff, periodic);
  std::size_t most_neighbours = 0;
  for (std::size_t i = 0; i < neighbours.n_centres(); ++i)
    most_neighbours = std::max(most_neighbours, neighbours.offsets[i + 1] - neighbours.offsets[i]);

  CentreWorkspace work;
  const auto rows = static_cast<Eigen::Index>(most_neighbours);
  work.coefficients.resize(static_cast<std::size_t>(power_spectrum_.coefficient_count()));
  work.power.resize(power_spectrum_.feature_count());
  work.entry.resize(most_neighbours);
  work.species.resize(most_neighbours);
  work.distance.resize(most_neighbours);
  work.direction.resize(rows, 3);
  work.radial.resize(rows, radial_table_->n_functions());
  work.harmonics.resize(rows, harmonics_.size());
  if (with_gradients) {
    work.radial_derivative.resize(rows, radial_table_->n_functions());
    work.harmonic_gradient.resize(rows, 3 * harmonics_.size());
    work.integral_derivative.resize(static_cast<std::size_t>(radial_table_->n_functions()));
    work.coefficient_gradient.resize(power_spectrum_.species_block(), 3);
    work.power_gradient.resize(power_spectrum_.feature_count(), 3);
  }

  Environment& environment = work.environment;
  for (int centre = 0; centre < static_cast<int>(frame.n_atoms()); ++centre) {
    expand_centre(neighbours, centre, species, with_gradients, work);
    power_spectrum_.evaluate(work.coefficients.data(), work.power.data());
    work.power.array() *= feature_weights_.array();
    work.norm = work.power.norm();
    environment.centre = centre;
    environment.channel = species[centre];
    environment.q = work.power / work.norm;
    resize_keeping_storage(environment.neighbours, work.spare,
                           with_gradients ? static_cast<std::size_t>(work.rows) : 0);
    for (int row = 0; row < static_cast<int>(environment.neighbours.size()); ++row) {
      NeighbourDerivative& neighbour = environment.neighbours[row];
      const std::size_t entry = work.entry[row];
      neighbour.atom = neighbours.atom[entry];
      neighbour.displacement = Eigen::Map<const Eigen::Vector3d>(neighbours.displacement[entry].data());
      differentiate(row, work, neighbour.dq_dr);
    }
    visit(environment);
  }
}

}  // namespace hykal::gap
