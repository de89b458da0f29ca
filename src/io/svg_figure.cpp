#include "hykal/io/svg_figure.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

namespace hykal::io {
namespace {

constexpr double width = 760, height = 540;
constexpr double left = 84, right = 190, top = 48, bottom = 64;  // margins; legend on the right
constexpr double plot_width = width - left - right, plot_height = height - top - bottom;

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Tick spacing of 1, 2 or 5 × 10^k giving about five ticks over the range.
double tick_step(double low, double high) {
  const double raw = (high - low) / 5.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0})
    if (raw <= factor * magnitude) return factor * magnitude;
  return 10.0 * magnitude;
}

void extend(double& low, double& high, const std::vector<double>& values) {
  for (double v : values)
    if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
}

}  // namespace

std::string category_colour(int k) {
  static const std::array<const char*, 12> palette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                                      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#e7ba52"};
  if (k < 0) return "#c8c8c8";  // frames not clustered
  return palette[static_cast<std::size_t>(k) % palette.size()];
}

std::string sequential_colour(double t) {
  // Piecewise-linear through five anchor colours of a viridis-like map (dark blue → yellow).
  static const double anchors[5][3] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  char text[16];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<int>(anchors[i][0] + f * (anchors[i + 1][0] - anchors[i][0])),
                static_cast<int>(anchors[i][1] + f * (anchors[i + 1][1] - anchors[i][1])),
                static_cast<int>(anchors[i][2] + f * (anchors[i + 1][2] - anchors[i][2])));
  return text;
}

SvgFigure::SvgFigure(std::string title, std::string x_label, std::string y_label)
    : title_(std::move(title)), x_label_(std::move(x_label)), y_label_(std::move(y_label)) {}

void SvgFigure::add_line(const std::vector<double>& x, const std::vector<double>& y, const std::string& colour,
                         const std::string& label, bool markers) {
  lines_.push_back({x, y, colour, markers});
  if (!label.empty()) add_legend_entry(label, colour);
}

void SvgFigure::add_points(const std::vector<double>& x, const std::vector<double>& y,
                           const std::vector<std::string>& colours, double radius) {
  points_.push_back({x, y, colours, radius});
}

void SvgFigure::add_legend_entry(const std::string& label, const std::string& colour) { legend_.emplace_back(label, colour); }

void SvgFigure::set_colour_bar(const std::string& label, double low, double high) {
  has_colour_bar_ = true;
  colour_bar_label_ = label;
  colour_bar_ = {low, high};
}

void SvgFigure::mark(double x, double y, const std::string& note) { marks_.push_back({x, y, note}); }

SvgFigure::Range SvgFigure::x_range() const {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const Line& line : lines_) extend(low, high, line.x);
  for (const Points& points : points_) extend(low, high, points.x);
  if (!(low <= high)) return {0.0, 1.0};
  const double pad = high > low ? 0.04 * (high - low) : 0.5;
  return {low - pad, high + pad};
}

SvgFigure::Range SvgFigure::y_range() const {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const Line& line : lines_) extend(low, high, line.y);
  for (const Points& points : points_) extend(low, high, points.y);
  if (!(low <= high)) return {0.0, 1.0};
  const double pad = high > low ? 0.06 * (high - low) : 0.5;
  return {low - pad, high + pad};
}

std::string SvgFigure::svg() const {
  const Range xr = x_range(), yr = y_range();
  auto px = [&](double x) { return left + (x - xr.low) / (xr.high - xr.low) * plot_width; };
  auto py = [&](double y) { return top + (yr.high - y) / (yr.high - yr.low) * plot_height; };
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"13\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left + plot_width / 2 << "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">" << escaped(title_) << "</text>\n"
      << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_width << "\" height=\"" << plot_height
      << "\" fill=\"none\" stroke=\"black\"/>\n";
  for (double step = tick_step(xr.low, xr.high), t = std::ceil(xr.low / step) * step; t <= xr.high; t += step)
    out << "<line x1=\"" << px(t) << "\" x2=\"" << px(t) << "\" y1=\"" << top + plot_height << "\" y2=\"" << top + plot_height + 5
        << "\" stroke=\"black\"/><text x=\"" << px(t) << "\" y=\"" << top + plot_height + 20 << "\" text-anchor=\"middle\">"
        << number(std::abs(t) < 1e-12 * step ? 0.0 : t) << "</text>\n";
  for (double step = tick_step(yr.low, yr.high), t = std::ceil(yr.low / step) * step; t <= yr.high; t += step)
    out << "<line x1=\"" << left - 5 << "\" x2=\"" << left << "\" y1=\"" << py(t) << "\" y2=\"" << py(t)
        << "\" stroke=\"black\"/><text x=\"" << left - 8 << "\" y=\"" << py(t) + 4 << "\" text-anchor=\"end\">"
        << number(std::abs(t) < 1e-12 * step ? 0.0 : t) << "</text>\n";
  out << "<text x=\"" << left + plot_width / 2 << "\" y=\"" << height - 16 << "\" text-anchor=\"middle\">" << escaped(x_label_) << "</text>\n"
      << "<text transform=\"translate(20," << top + plot_height / 2 << ") rotate(-90)\" text-anchor=\"middle\">" << escaped(y_label_) << "</text>\n";
  for (const Points& points : points_)
    for (std::size_t i = 0; i < points.x.size(); ++i)
      out << "<circle cx=\"" << px(points.x[i]) << "\" cy=\"" << py(points.y[i]) << "\" r=\"" << points.radius
          << "\" fill=\"" << points.colours[i] << "\" fill-opacity=\"0.85\"/>\n";
  for (const Line& line : lines_) {
    out << "<polyline fill=\"none\" stroke=\"" << line.colour << "\" stroke-width=\"2\" points=\"";
    for (std::size_t i = 0; i < line.x.size(); ++i) out << px(line.x[i]) << ',' << py(line.y[i]) << ' ';
    out << "\"/>\n";
    if (line.markers)
      for (std::size_t i = 0; i < line.x.size(); ++i)
        out << "<circle cx=\"" << px(line.x[i]) << "\" cy=\"" << py(line.y[i]) << "\" r=\"3.5\" fill=\"" << line.colour << "\"/>\n";
  }
  for (const Mark& m : marks_) {
    // Notes on the right half of the plot run leftwards, so they stay inside the figure.
    const bool right_half = px(m.x) > left + plot_width / 2;
    out << "<circle cx=\"" << px(m.x) << "\" cy=\"" << py(m.y) << "\" r=\"9\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>"
        << "<text x=\"" << px(m.x) + (right_half ? -12 : 12) << "\" y=\"" << py(m.y) - 12 << "\" text-anchor=\""
        << (right_half ? "end" : "start") << "\">" << escaped(m.note) << "</text>\n";
  }
  // As many legend entries as fit beside the plot; the rest are counted.
  double legend_y = top + 10;
  const std::size_t fitting = static_cast<std::size_t>((plot_height - (has_colour_bar_ ? 300 : 0)) / 18) - 1;
  for (std::size_t i = 0; i < legend_.size(); ++i) {
    if (i == fitting && legend_.size() > fitting + 1) {
      out << "<text x=\"" << width - right + 16 << "\" y=\"" << legend_y + 2 << "\">… " << legend_.size() - i << " more</text>\n";
      legend_y += 18;
      break;
    }
    out << "<rect x=\"" << width - right + 16 << "\" y=\"" << legend_y - 9 << "\" width=\"12\" height=\"12\" fill=\"" << legend_[i].second
        << "\"/><text x=\"" << width - right + 34 << "\" y=\"" << legend_y + 2 << "\">" << escaped(legend_[i].first) << "</text>\n";
    legend_y += 18;
  }
  if (has_colour_bar_) {
    const double bar_top = legend_y + 10, bar_height = std::min(260.0, top + plot_height - bar_top - 20);
    for (int s = 0; s < 50; ++s)
      out << "<rect x=\"" << width - right + 16 << "\" y=\"" << bar_top + bar_height * (49 - s) / 50.0 << "\" width=\"16\" height=\""
          << bar_height / 50.0 + 0.5 << "\" fill=\"" << sequential_colour(s / 49.0) << "\"/>\n";
    out << "<text x=\"" << width - right + 38 << "\" y=\"" << bar_top + 10 << "\">" << number(colour_bar_.high) << "</text>"
        << "<text x=\"" << width - right + 38 << "\" y=\"" << bar_top + bar_height << "\">" << number(colour_bar_.low) << "</text>"
        << "<text x=\"" << width - right + 16 << "\" y=\"" << bar_top - 6 << "\">" << escaped(colour_bar_label_) << "</text>\n";
  }
  out << "</svg>\n";
  return out.str();
}

void SvgFigure::write(const std::string& path) const {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary);
    if (!file) throw InputError(path + ": cannot write the figure");
    file << svg();
    if (!file) throw InputError(path + ": cannot write the figure");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw InputError(path + ": cannot rename " + temporary);
}

}  // namespace hykal::io
