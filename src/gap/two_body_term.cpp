#include "hykal/gap/two_body_term.hpp"

#include "hykal/descriptors/neighbour_list.hpp"
#include "hykal/error.hpp"
#include "hykal/io/periodic_table.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace hykal::gap {

namespace {

// gap_fit counts each pair from both of its atoms (see the header).
constexpr double pair_multiplicity = 2.0;

// Whether the neighbour entry (j, d) of centre i is the one visit of its pair (see the header).
bool is_first_visit(int i, int j, const std::array<double, 3>& d) {
  if (j != i) return j > i;
  const std::array<double, 3> origin{};
  return std::lexicographical_compare(origin.begin(), origin.end(), d.begin(), d.end());
}

bool is_periodic(const io::Frame& frame) {
  return frame.has_cell() && (frame.pbc[0] || frame.pbc[1] || frame.pbc[2]);
}

}  // namespace

TwoBodyTerm::TwoBodyTerm(std::vector<int> species, SmoothCutoff cutoff)
    : species_(std::move(species)), cutoff_(cutoff) {
  std::sort(species_.begin(), species_.end());
  species_.erase(std::unique(species_.begin(), species_.end()), species_.end());
  HYKAL_ASSERT(!species_.empty(), "a two-body term needs at least one species");
}

int TwoBodyTerm::channel_count() const {
  const int s = static_cast<int>(species_.size());
  return s * (s + 1) / 2;
}

int TwoBodyTerm::channel_of(int z_a, int z_b) const {
  auto index = [this](int z) {
    return static_cast<int>(std::lower_bound(species_.begin(), species_.end(), z) - species_.begin());
  };
  int a = index(z_a);
  int b = index(z_b);
  if (a > b) std::swap(a, b);
  // Row-major upper triangle: pairs (0,0) (0,1) … (0,S−1) (1,1) …
  const int s = static_cast<int>(species_.size());
  return a * s - a * (a - 1) / 2 + (b - a);
}

std::string TwoBodyTerm::channel_name(int channel) const {
  const int s = static_cast<int>(species_.size());
  for (int a = 0; a < s; ++a) {
    for (int b = a; b < s; ++b) {
      if (channel_of(species_[a], species_[b]) == channel) {
        return std::string(io::element_symbol(species_[a])) + "-" + std::string(io::element_symbol(species_[b]));
      }
    }
  }
  HYKAL_THROW("no two-body channel " + std::to_string(channel));
}

int TwoBodyTerm::species_index(const io::Frame& frame, int z) const {
  if (!std::binary_search(species_.begin(), species_.end(), z)) {
    throw InputError(frame.source_file + ", frame " + std::to_string(frame.source_index) + ": species " +
                     std::string(io::element_symbol(z)) + " is not in the GAP model");
  }
  return z;
}

void TwoBodyTerm::for_each_environment(const io::Frame& frame, bool with_gradients,
                                       const std::function<void(const Environment&)>& visit) const {
  for (int z : frame.atomic_numbers) species_index(frame, z);
  const descriptors::NeighbourList list = descriptors::build_neighbour_list(frame, cutoff_.cutoff, is_periodic(frame));
  Environment environment;
  environment.q.resize(1);
  if (with_gradients) {
    environment.neighbours.resize(1);
    environment.neighbours[0].dq_dr.resize(1, 3);
  }
  for (std::size_t i = 0; i < list.n_centres(); ++i) {
    const int centre = static_cast<int>(i);
    for (std::size_t e = list.offsets[i]; e < list.offsets[i + 1]; ++e) {
      const double r = list.distance[e];
      const int j = list.atom[e];
      if (r >= cutoff_.cutoff || !is_first_visit(centre, j, list.displacement[e])) continue;
      environment.centre = centre;
      environment.channel = channel_of(frame.atomic_numbers[i], frame.atomic_numbers[static_cast<std::size_t>(j)]);
      environment.q[0] = r;
      environment.weight = pair_multiplicity * cutoff_.value(r);
      if (with_gradients) {
        NeighbourDerivative& neighbour = environment.neighbours[0];
        neighbour.atom = j;
        neighbour.displacement = Eigen::Vector3d(list.displacement[e][0], list.displacement[e][1], list.displacement[e][2]);
        const Eigen::Vector3d direction = neighbour.displacement / r;
        neighbour.dq_dr.row(0) = direction.transpose();
        neighbour.dweight_dr = pair_multiplicity * cutoff_.derivative(r) * direction;
      }
      visit(environment);
    }
  }
}

}  // namespace hykal::gap
