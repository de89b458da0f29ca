#include "hykal/descriptors/soap_calculator.hpp"

#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace hykal::descriptors {
namespace {

// Interval of the radial table relative to sigma: the integrals vary on the scale of the
// Gaussian width, and sigma/10 with degree-7 pieces keeps the error below 1e-12 (radial_table.hpp).
constexpr double table_spacing_per_sigma = 0.1;

// DScribe treats neighbours with |r|^2 <= 1e-12 Å^2 as sitting on the centre (getDeltas):
// they add to l = 0 only.
constexpr double on_centre_distance = 1e-6;

void check_centre(const io::Frame& frame, int centre) {
  if (centre < 0 || centre >= static_cast<int>(frame.n_atoms()))
    HYKAL_THROW("centre index " + std::to_string(centre) + " outside the frame");
}

}  // namespace

SoapCalculator::SoapCalculator(const SoapSettings& settings)
    : settings_(validated(settings)), harmonics_(settings_.l_max) {
  const int n_species = static_cast<int>(settings_.species.size());
  const int sn = n_species * settings_.n_max;
  feature_count_ = sn * (sn + 1) / 2 * (settings_.l_max + 1);
  coefficient_count_ = n_species * (settings_.l_max + 1) * (settings_.l_max + 1) * settings_.n_max;
  neighbour_cutoff_ = neighbour_cutoff(settings_);
  // The table reaches slightly beyond the cutoff so that rounding never leaves its range.
  radial_table_ = std::make_shared<const RadialTable>(
      radial_integrals(settings_), settings_.n_max * (settings_.l_max + 1),
      neighbour_cutoff_ * (1.0 + 1e-9) + 1e-9, table_spacing_per_sigma * settings_.sigma);
  for (int l = 0; l <= settings_.l_max; ++l)
    prefactor_.push_back(M_PI * std::sqrt(8.0 / (2.0 * l + 1.0)));
}

std::vector<int> SoapCalculator::species_indices(const io::Frame& frame) const {
  std::vector<int> index_of_z(io::max_atomic_number + 1, -1);
  for (std::size_t s = 0; s < settings_.species.size(); ++s) index_of_z[settings_.species[s]] = int(s);
  std::vector<int> species(frame.n_atoms());
  for (std::size_t i = 0; i < frame.n_atoms(); ++i) {
    const int z = frame.atomic_numbers[i];
    species[i] = z >= 1 && z <= io::max_atomic_number ? index_of_z[z] : -1;
    if (species[i] < 0) {
      std::string listed;
      for (int known : settings_.species)
        listed += (listed.empty() ? "" : ", ") + std::string(io::element_symbol(known));
      const std::string element = z >= 1 && z <= io::max_atomic_number
                                      ? std::string(io::element_symbol(z))
                                      : "Z=" + std::to_string(z);
      throw InputError(frame.source_file + ": frame " + std::to_string(frame.source_index) +
                       ": species: element " + element + " (atom " + std::to_string(i) +
                       ") is not in soap.species [" + listed + "]");
    }
  }
  return species;
}

void SoapCalculator::accumulate_centre(const NeighbourList& neighbours, int centre,
                                       const std::vector<int>& species, double* coefficients) const {
  const int n_max = settings_.n_max, l_max = settings_.l_max;
  const int n_species = static_cast<int>(settings_.species.size());
  const int species_block = (l_max + 1) * (l_max + 1) * n_max;
  const std::size_t begin = neighbours.offsets[centre], end = neighbours.offsets[centre + 1];

  // Rows of I_nl(r_i) and Y_lm(r̂_i), one per neighbour, grouped by species (counting sort) so
  // that each (species, l) block of coefficients is one small matrix product (below). The
  // buffers are reused from centre to centre (thread_local keeps the method const and safe).
  thread_local std::vector<int> first_row;
  thread_local DescriptorMatrix radial, harmonics;
  first_row.assign(n_species + 1, 0);
  for (std::size_t k = begin; k < end; ++k)
    if (neighbours.distance[k] > on_centre_distance) ++first_row[species[neighbours.atom[k]] + 1];
  for (int s = 0; s < n_species; ++s) first_row[s + 1] += first_row[s];
  radial.resize(first_row[n_species], radial_table_->n_functions());
  harmonics.resize(first_row[n_species], harmonics_.size());
  std::vector<int> next_row(first_row.begin(), first_row.end() - 1);
  for (std::size_t k = begin; k < end; ++k) {
    const int s = species[neighbours.atom[k]];
    const double r = neighbours.distance[k];
    if (r <= on_centre_distance) {
      // The Gaussian on the centre: I_n0(0) Y_00 with Y_00 = 1/sqrt(4 pi) (§2.2 getDeltas).
      const std::vector<double>& zero = radial_table_->at_zero();
      for (int n = 0; n < n_max; ++n) coefficients[s * species_block + n] += zero[n] / std::sqrt(4.0 * M_PI);
      continue;
    }
    const int row = next_row[s]++;
    const std::array<double, 3>& d = neighbours.displacement[k];
    radial_table_->evaluate(r, radial.row(row).data());
    harmonics_.evaluate(d[0] / r, d[1] / r, d[2] / r, harmonics.row(row).data());
  }
  // c^s_{l,nm} += sum_i I_nl(r_i) Y_lm(r̂_i): (n_max × k) times (k × (2l+1)) per species and l.
  for (int s = 0; s < n_species; ++s) {
    const int rows = first_row[s + 1] - first_row[s];
    if (rows == 0) continue;
    for (int l = 0; l <= l_max; ++l) {
      Eigen::Map<DescriptorMatrix> c_l(coefficients + s * species_block + n_max * l * l, n_max, 2 * l + 1);
      c_l.noalias() += radial.block(first_row[s], l * n_max, rows, n_max).transpose() *
                       harmonics.block(first_row[s], l * l, rows, 2 * l + 1);
    }
  }
}

DescriptorMatrix SoapCalculator::coefficients(const io::Frame& frame,
                                              const std::vector<int>& centres) const {
  const std::vector<int> species = species_indices(frame);
  const NeighbourList neighbours = build_neighbour_list(frame, neighbour_cutoff_, settings_.periodic);
  DescriptorMatrix c = DescriptorMatrix::Zero(static_cast<Eigen::Index>(centres.size()), coefficient_count_);
  for (std::size_t i = 0; i < centres.size(); ++i) {
    check_centre(frame, centres[i]);
    accumulate_centre(neighbours, centres[i], species, c.row(static_cast<Eigen::Index>(i)).data());
  }
  return c;
}

void SoapCalculator::power_spectrum(const double* coefficients, double* features) const {
  const int n_max = settings_.n_max, l_max = settings_.l_max;
  const int n_species = static_cast<int>(settings_.species.size());
  const int species_block = (l_max + 1) * (l_max + 1) * n_max;
  // Loop nest of DScribe's get_location (§3.2): species pairs a <= b, then l, then n, n'
  // (n' >= n within one species).
  int out = 0;
  for (int a = 0; a < n_species; ++a)
    for (int b = a; b < n_species; ++b)
      for (int l = 0; l <= l_max; ++l) {
        const int width = 2 * l + 1;
        const double* ca = coefficients + a * species_block + n_max * l * l;
        const double* cb = coefficients + b * species_block + n_max * l * l;
        for (int n = 0; n < n_max; ++n)
          for (int n2 = a == b ? n : 0; n2 < n_max; ++n2) {
            const double* x = ca + n * width;
            const double* y = cb + n2 * width;
            double sum = 0.0;
            for (int m = 0; m < width; ++m) sum += x[m] * y[m];
            features[out++] = prefactor_[l] * sum;
          }
      }
}

DescriptorMatrix SoapCalculator::per_atom(const io::Frame& frame, const std::vector<int>& centres) const {
  const std::vector<int> species = species_indices(frame);
  const NeighbourList neighbours = build_neighbour_list(frame, neighbour_cutoff_, settings_.periodic);
  DescriptorMatrix p(static_cast<Eigen::Index>(centres.size()), feature_count_);
  std::vector<double> c(static_cast<std::size_t>(coefficient_count_));
  for (std::size_t i = 0; i < centres.size(); ++i) {
    check_centre(frame, centres[i]);
    std::fill(c.begin(), c.end(), 0.0);
    accumulate_centre(neighbours, centres[i], species, c.data());
    power_spectrum(c.data(), p.row(static_cast<Eigen::Index>(i)).data());
  }
  return p;
}

DescriptorMatrix SoapCalculator::per_atom(const io::Frame& frame) const {
  std::vector<int> all(frame.n_atoms());
  std::iota(all.begin(), all.end(), 0);
  return per_atom(frame, all);
}

Eigen::VectorXd SoapCalculator::average(const io::Frame& frame, SoapAverage mode) const {
  Eigen::VectorXd result = Eigen::VectorXd::Zero(feature_count_);
  if (frame.n_atoms() == 0) return result;
  switch (mode) {
    case SoapAverage::outer:
      return per_atom(frame).colwise().mean().transpose();
    case SoapAverage::inner: {
      std::vector<int> all(frame.n_atoms());
      std::iota(all.begin(), all.end(), 0);
      const Eigen::VectorXd mean = coefficients(frame, all).colwise().mean().transpose();
      power_spectrum(mean.data(), result.data());
      return result;
    }
    case SoapAverage::off:
      break;
  }
  throw SettingError("average", "'off' gives one row per atom: use per_atom()");
}

}  // namespace hykal::descriptors
