#include "hykal/io/parity_figure.hpp"

#include "hykal/io/svg_figure.hpp"

#include <algorithm>

namespace hykal::io {

void write_parity_figure(const std::string& path, const std::string& title, const std::string& quantity,
                         const std::vector<double>& reference, const std::vector<double>& predicted) {
  if (reference.empty()) return;
  SvgFigure figure(title, "reference " + quantity, "GAP " + quantity);
  figure.add_points(reference, predicted, std::vector<std::string>(reference.size(), category_colour(0)), 2.0);
  const auto [low, high] = std::minmax_element(reference.begin(), reference.end());
  figure.add_line({*low, *high}, {*low, *high}, "#7f7f7f", "y = x", false);
  figure.write(path);
}

}  // namespace hykal::io
