#include "hykal/descriptors/soap_calculator.hpp"

#include "hykal/error.hpp"
#include "hykal/descriptors/species_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace hykal::descriptors {
namespace {

void check_centre(const io::Frame& frame, int centre) {
  if (centre < 0 || centre >= static_cast<int>(frame.n_atoms()))
    HYKAL_THROW("centre index " + std::to_string(centre) + " outside the frame");
}

}  // namespace

SoapCalculator::SoapCalculator(const SoapSettings& settings)
    : settings_(validated(settings)),
      harmonics_(settings_.l_max),
      power_spectrum_(static_cast<int>(settings_.species.size()), settings_.n_max, settings_.l_max) {
  neighbour_cutoff_ = neighbour_cutoff(settings_);
  // The table reaches slightly beyond the cutoff so that rounding never leaves its range.
  radial_table_ = std::make_shared<const RadialTable>(
      radial_integrals(settings_), settings_.n_max * (settings_.l_max + 1),
      neighbour_cutoff_ * (1.0 + 1e-9) + 1e-9, RadialTable::spacing_per_sigma * settings_.sigma);
}

std::vector<int> SoapCalculator::species_indices(const io::Frame& frame) const {
  return descriptors::species_indices(frame, settings_.species, "soap.species");
}

void SoapCalculator::accumulate_centre(const NeighbourList& neighbours, int centre,
                                       const std::vector<int>& species, double* coefficients) const {
  const int n_max = settings_.n_max, l_max = settings_.l_max;
  const int n_species = static_cast<int>(settings_.species.size());
  const int species_block = power_spectrum_.species_block();
  const std::size_t begin = neighbours.offsets[centre], end = neighbours.offsets[centre + 1];

  // Rows of I_nl(r_i) and Y_lm(r̂_i), one per neighbour, grouped by species (counting sort) so
  // that each (species, l) block of coefficients is one small matrix product (below). The
  // buffers are reused from centre to centre (thread_local keeps the method const and safe).
  thread_local std::vector<int> first_row;
  thread_local DescriptorMatrix radial, harmonics;
  first_row.assign(n_species + 1, 0);
  for (std::size_t k = begin; k < end; ++k)
    if (neighbours.distance[k] > RadialTable::on_centre_distance) ++first_row[species[neighbours.atom[k]] + 1];
  for (int s = 0; s < n_species; ++s) first_row[s + 1] += first_row[s];
  radial.resize(first_row[n_species], radial_table_->n_functions());
  harmonics.resize(first_row[n_species], harmonics_.size());
  std::vector<int> next_row(first_row.begin(), first_row.end() - 1);
  for (std::size_t k = begin; k < end; ++k) {
    const int s = species[neighbours.atom[k]];
    const double r = neighbours.distance[k];
    if (r <= RadialTable::on_centre_distance) {
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
  DescriptorMatrix c = DescriptorMatrix::Zero(static_cast<Eigen::Index>(centres.size()), coefficient_count());
  for (std::size_t i = 0; i < centres.size(); ++i) {
    check_centre(frame, centres[i]);
    accumulate_centre(neighbours, centres[i], species, c.row(static_cast<Eigen::Index>(i)).data());
  }
  return c;
}

void SoapCalculator::power_spectrum(const double* coefficients, double* features) const {
  power_spectrum_.evaluate(coefficients, features);
}

DescriptorMatrix SoapCalculator::per_atom(const io::Frame& frame, const std::vector<int>& centres) const {
  const std::vector<int> species = species_indices(frame);
  const NeighbourList neighbours = build_neighbour_list(frame, neighbour_cutoff_, settings_.periodic);
  DescriptorMatrix p(static_cast<Eigen::Index>(centres.size()), feature_count());
  std::vector<double> c(static_cast<std::size_t>(coefficient_count()));
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
  Eigen::VectorXd result = Eigen::VectorXd::Zero(feature_count());
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
