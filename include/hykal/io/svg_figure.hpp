#pragma once
// Small SVG figures written by hykal itself (the map, the δ scan, ⟨d⟩ against N_c, energies per
// frame), so a run's results can be looked at without a plotting stack on the cluster.
// Our own code: no maintained C++ plotting library is packaged in Debian; this draws only what
// hykal needs: axes with "nice" ticks, lines, markers, a legend and a colour bar.
#include <string>
#include <vector>

namespace hykal::io {

// Categorical colours (cluster k) and a perceptually ordered colour map for t ∈ [0, 1].
std::string category_colour(int k);
std::string sequential_colour(double t);

class SvgFigure {
 public:
  SvgFigure(std::string title, std::string x_label, std::string y_label);

  // A polyline through (x, y) with optional markers; label "" keeps it out of the legend.
  void add_line(const std::vector<double>& x, const std::vector<double>& y, const std::string& colour,
                const std::string& label, bool markers = true);
  // One dot per point, each with its own colour.
  void add_points(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::string>& colours,
                  double radius = 3.0);
  void add_legend_entry(const std::string& label, const std::string& colour);
  // A vertical colour bar for sequential_colour() between the given values.
  void set_colour_bar(const std::string& label, double low, double high);
  // A ring and a note around one point (the chosen δ, the chosen N_c).
  void mark(double x, double y, const std::string& note);

  std::string svg() const;
  // Writes <path>.tmp then renames, so a reader never sees half a figure.
  void write(const std::string& path) const;

 private:
  struct Line { std::vector<double> x, y; std::string colour; bool markers; };
  struct Points { std::vector<double> x, y; std::vector<std::string> colours; double radius; };
  struct Mark { double x, y; std::string note; };
  struct Range { double low, high; };

  Range x_range() const;
  Range y_range() const;

  std::string title_, x_label_, y_label_;
  std::vector<Line> lines_;
  std::vector<Points> points_;
  std::vector<std::pair<std::string, std::string>> legend_;
  std::vector<Mark> marks_;
  bool has_colour_bar_ = false;
  std::string colour_bar_label_;
  Range colour_bar_{0.0, 1.0};
};

}  // namespace hykal::io
