#include "hykal/app/prediction_error_table.hpp"

#include <cstdio>
#include <optional>

namespace hykal::app {
namespace {

std::string cell(const std::optional<double>& value, const char* format) {
  if (!value) return std::string(13, ' ') + "—";  // one column, three bytes: printf widths count bytes
  char text[40];
  std::snprintf(text, sizeof text, format, *value);
  return text;
}

}  // namespace

std::string prediction_error_table(const std::vector<std::pair<std::string, gap::PredictionErrors>>& rows) {
  std::string table = "RMSE (one-atom frames excluded)   frames  E (meV/atom)      F (eV/Å)  V (meV/atom)\n";
  for (const auto& [name, errors] : rows) {
    char head[80];
    std::snprintf(head, sizeof head, "  %-32s %7lld", name.c_str(), errors.frames());
    table += head + cell(errors.energy_mev_per_atom(), "%14.4f") + cell(errors.force_ev_per_angstrom(), "%14.5f") +
             cell(errors.virial_mev_per_atom(), "%14.4f") + "\n";
  }
  return table;
}

}  // namespace hykal::app
