#include "hykal/descriptors/neighbour_list.hpp"

#include "hykal/error.hpp"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <string>

namespace hykal::descriptors {
namespace {

// The lattice translations DScribe generates (extend_system): m_i = ceil(cutoff / h_i) shells
// along each periodic axis, h_i = V / |a_j x a_k|.
std::vector<Eigen::Vector3d> image_translations(const io::Frame& frame, double cutoff,
                                                bool periodic) {
  const bool any_pbc = frame.pbc[0] || frame.pbc[1] || frame.pbc[2];
  if (!periodic || !any_pbc) return {Eigen::Vector3d::Zero()};
  const Eigen::Matrix3d& cell = frame.cell;
  const double volume = std::abs(cell.row(0).dot(cell.row(1).cross(cell.row(2))));
  if (!(volume > 1e-10))
    throw InputError(frame.source_file + ": frame " + std::to_string(frame.source_index) +
                     ": Lattice: periodic SOAP needs a cell with non-zero volume");
  std::array<int, 3> shells{0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (!frame.pbc[i]) continue;
    const Eigen::Vector3d a = cell.row((i + 1) % 3), b = cell.row((i + 2) % 3);
    const double plane_spacing = volume / a.cross(b).norm();
    shells[i] = static_cast<int>(std::ceil(cutoff / plane_spacing));
  }
  std::vector<Eigen::Vector3d> translations;
  for (int n0 = -shells[0]; n0 <= shells[0]; ++n0)
    for (int n1 = -shells[1]; n1 <= shells[1]; ++n1)
      for (int n2 = -shells[2]; n2 <= shells[2]; ++n2)
        translations.push_back(n0 * cell.row(0).transpose() + n1 * cell.row(1).transpose() +
                               n2 * cell.row(2).transpose());
  return translations;
}

// Points (atoms and their images) binned into a grid of cubic cells of edge >= cutoff, sorted by
// cell (counting sort), so the neighbours of a point lie in its own and the 26 adjacent cells.
class LinkedCells {
 public:
  LinkedCells(const Eigen::Vector3d& lower, const Eigen::Vector3d& upper, double cutoff)
      : lower_(lower) {
    // Bins no smaller than the cutoff; their number capped so memory stays O(points).
    constexpr int max_bins_per_axis = 256;
    for (int i = 0; i < 3; ++i) {
      const double extent = std::max(upper[i] - lower[i], 1e-12);
      const int n = cutoff > 0.0 ? static_cast<int>(std::floor(extent / cutoff)) : 1;
      dims_[i] = std::clamp(n, 1, max_bins_per_axis);
      bin_size_[i] = extent / dims_[i];
    }
  }

  std::array<int, 3> bin_of(const Eigen::Vector3d& p) const {
    std::array<int, 3> b{};
    for (int i = 0; i < 3; ++i)
      b[i] = std::clamp(static_cast<int>(std::floor((p[i] - lower_[i]) / bin_size_[i])), 0,
                        dims_[i] - 1);
    return b;
  }
  int flat(const std::array<int, 3>& b) const { return (b[0] * dims_[1] + b[1]) * dims_[2] + b[2]; }
  const std::array<int, 3>& dims() const { return dims_; }

  // Sorts the points into the bins; afterwards points of bin k are order()[start(k) … start(k+1)).
  void fill(const std::vector<Eigen::Vector3d>& points) {
    start_.assign(static_cast<std::size_t>(dims_[0]) * dims_[1] * dims_[2] + 1, 0);
    std::vector<int> bin(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
      bin[p] = flat(bin_of(points[p]));
      ++start_[bin[p] + 1];
    }
    for (std::size_t k = 1; k < start_.size(); ++k) start_[k] += start_[k - 1];
    order_.resize(points.size());
    std::vector<std::size_t> next(start_.begin(), start_.end() - 1);
    for (std::size_t p = 0; p < points.size(); ++p) order_[next[bin[p]]++] = static_cast<int>(p);
  }
  std::size_t start(int k) const { return start_[k]; }
  const std::vector<int>& order() const { return order_; }

 private:
  Eigen::Vector3d lower_;
  std::array<int, 3> dims_{1, 1, 1};
  std::array<double, 3> bin_size_{1.0, 1.0, 1.0};
  std::vector<std::size_t> start_;
  std::vector<int> order_;
};

}  // namespace

NeighbourList build_neighbour_list(const io::Frame& frame, double cutoff, bool periodic) {
  const int n_atoms = static_cast<int>(frame.n_atoms());
  NeighbourList list;
  list.offsets.assign(1, 0);
  if (n_atoms == 0) return list;

  // Only points within the cutoff of the atoms' bounding box can be anyone's neighbour.
  const Eigen::Vector3d lower = frame.positions.colwise().minCoeff().transpose().array() - cutoff;
  const Eigen::Vector3d upper = frame.positions.colwise().maxCoeff().transpose().array() + cutoff;
  std::vector<Eigen::Vector3d> points;
  std::vector<int> point_atom;
  for (const Eigen::Vector3d& t : image_translations(frame, cutoff, periodic))
    for (int j = 0; j < n_atoms; ++j) {
      const Eigen::Vector3d p = frame.positions.row(j).transpose() + t;
      if ((p.array() >= lower.array()).all() && (p.array() <= upper.array()).all()) {
        points.push_back(p);
        point_atom.push_back(j);
      }
    }

  LinkedCells cells(lower, upper, cutoff);
  cells.fill(points);
  const double cutoff_squared = cutoff * cutoff;
  const std::array<int, 3>& dims = cells.dims();
  for (int i = 0; i < n_atoms; ++i) {
    const Eigen::Vector3d centre = frame.positions.row(i).transpose();
    const std::array<int, 3> home = cells.bin_of(centre);
    for (int b0 = std::max(home[0] - 1, 0); b0 <= std::min(home[0] + 1, dims[0] - 1); ++b0)
      for (int b1 = std::max(home[1] - 1, 0); b1 <= std::min(home[1] + 1, dims[1] - 1); ++b1)
        for (int b2 = std::max(home[2] - 1, 0); b2 <= std::min(home[2] + 1, dims[2] - 1); ++b2) {
          const int k = cells.flat({b0, b1, b2});
          for (std::size_t s = cells.start(k); s < cells.start(k + 1); ++s) {
            const int p = cells.order()[s];
            const Eigen::Vector3d d = points[p] - centre;
            const double d2 = d.squaredNorm();
            if (d2 > cutoff_squared) continue;
            list.atom.push_back(point_atom[p]);
            list.displacement.push_back({d[0], d[1], d[2]});
            list.distance.push_back(std::sqrt(d2));
          }
        }
    list.offsets.push_back(list.atom.size());
  }
  return list;
}

}  // namespace hykal::descriptors
