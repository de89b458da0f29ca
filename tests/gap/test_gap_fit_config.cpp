// The gap_fit input built from FitSettings (gap.backend = quip), checked against the template of
// METHOD.md §7 (the authors' AsTe3 fit) and the facts about gap_fit recorded in issue 8: the
// keys inside gap={…} are those of the template, e0 follows gap.e0, the sparse points stay in
// the XML (sparse_separate_file=F), and settings gap_fit would silently ignore are refused.
#include "hykal/error.hpp"
#include "hykal/gap/gap_fit_config.hpp"
#include "hykal/gap/gap_settings.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using hykal::gap::FitSettings;

// The authors' converged AsTe3 hyperparameters (issue 8, METHOD.md §7): the [gap] defaults,
// which the first test checks against the template.
FitSettings authors_settings() { return hykal::gap::fit_settings(hykal::gap::GapSettings{}); }

const std::vector<int> as_te{33, 52};
const hykal::gap::GapFitFiles files{"/work/train.xyz", "/work/gap.xml"};

// "key=value" words of a line as a map; the first word (the descriptor name) under "".
std::map<std::string, std::string> words(const std::string& text) {
  std::map<std::string, std::string> map;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    const auto equals = word.find('=');
    if (equals == std::string::npos) map[map.empty() ? "" : word] = "T";
    else map[word.substr(0, equals)] = word.substr(equals + 1);
  }
  return map;
}

// Values of a descriptor string compared with the template's: numbers numerically.
void check_same(const std::map<std::string, std::string>& ours, const std::map<std::string, std::string>& expected) {
  REQUIRE(ours.size() == expected.size());
  for (const auto& [key, value] : expected) {
    INFO("key " << key);
    REQUIRE(ours.count(key) == 1);
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (*end == '\0' && !value.empty()) CHECK(std::stod(ours.at(key)) == Approx(number).epsilon(1e-15));
    else CHECK(ours.at(key) == value);
  }
}

// The top-level lines of the config text as key → value.
std::map<std::string, std::string> lines(const std::string& text) {
  std::map<std::string, std::string> map;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto equals = line.find('=');
    REQUIRE(equals != std::string::npos);
    REQUIRE(map.count(line.substr(0, equals)) == 0);
    map[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return map;
}

}  // namespace

TEST_CASE("gap_fit input of the authors' AsTe3 fit follows METHOD.md §7's template", "[gap][quip]") {
  const std::string text = hykal::gap::gap_fit_config_text(authors_settings(), as_te, files);
  const auto keys = lines(text);
  // METHOD.md §7: "distance_Nb order=2 cutoff=c cutoff_transition_width=1 n_sparse=n2
  // covariance_type=ard_se delta=δ theta_uniform=1.0 sparse_method=uniform" + "soap l_max n_max
  // cutoff=c cutoff_transition_width=1 delta=δ atom_sigma zeta=4 n_sparse=n
  // sparse_method=cur_points covariance_type=dot_product", with add_species=T (issue 8).
  const std::string gap = keys.at("gap");
  REQUIRE(gap.front() == '{');
  REQUIRE(gap.back() == '}');
  const auto separator = gap.find(" : ");
  REQUIRE(separator != std::string::npos);
  check_same(words(gap.substr(1, separator - 1)),
             words("distance_Nb order=2 cutoff=4.91 cutoff_transition_width=1 n_sparse=20 covariance_type=ard_se "
                   "delta=0.29 theta_uniform=1.0 sparse_method=uniform add_species=T"));
  check_same(words(gap.substr(separator + 3, gap.size() - separator - 4)),
             words("soap l_max=5 n_max=6 cutoff=4.91 cutoff_transition_width=1 delta=0.29 atom_sigma=0.4 zeta=4 "
                   "n_sparse=1800 sparse_method=cur_points covariance_type=dot_product add_species=T"));
  // "e0_method=isolated sparse_jitter=1e-12 default_sigma={0.001 0.05 0.05 0.05}": the fourth
  // σ is for Hessians, which our data never has.
  CHECK(keys.at("e0_method") == "isolated");
  CHECK(std::stod(keys.at("sparse_jitter")) == 1e-12);
  std::istringstream sigmas(keys.at("default_sigma").substr(1));
  double e = 0, f = 0, v = 0;
  sigmas >> e >> f >> v;
  CHECK(e == 0.001);
  CHECK(f == 0.05);
  CHECK(v == 0.05);
  // The training file as the backend writes it, the potential in one file.
  CHECK(keys.at("at_file") == files.training_file);
  CHECK(keys.at("gp_file") == files.potential_file);
  CHECK(keys.at("sparse_separate_file") == "F");
  CHECK(keys.at("energy_parameter_name") == "energy");
  CHECK(keys.at("force_parameter_name") == "forces");
  CHECK(keys.at("virial_parameter_name") == "virial");
  CHECK(keys.at("config_type_parameter_name") == "config_type");
  CHECK(keys.at("rnd_seed") == "1");
  CHECK(keys.size() == 12);  // and nothing else
}

TEST_CASE("gap_fit input: e0 as gap.e0 says", "[gap][quip]") {
  FitSettings settings = authors_settings();
  settings.e0 = hykal::gap::parse_e0("average");
  CHECK(lines(hykal::gap::gap_fit_config_text(settings, as_te, files)).at("e0_method") == "average");
  settings.e0 = hykal::gap::parse_e0("Te:-218.37495 As:-166.85715 O:-2");
  const auto keys = lines(hykal::gap::gap_fit_config_text(settings, as_te, files));
  CHECK(keys.at("e0") == "{As:-166.85715:Te:-218.37495}");  // gap_fit's {El:value:El:value}, data species only
  CHECK(keys.count("e0_method") == 0);
  settings.e0 = hykal::gap::parse_e0("As:-166.85715");
  CHECK_THROWS_WITH(hykal::gap::gap_fit_config_text(settings, as_te, files),
                    Catch::Contains("gap.e0") && Catch::Contains("Te"));
}

TEST_CASE("gap_fit input: settings gap_fit would not report are refused, naming the key", "[gap][quip]") {
  const auto refused = [](FitSettings settings, const std::string& key) {
    INFO("expected a message naming " << key);
    CHECK_THROWS_WITH(hykal::gap::gap_fit_config_text(settings, as_te, files), Catch::Contains(key));
  };
  FitSettings settings = authors_settings();
  settings.terms[1].descriptor_values["lmax"] = 5;  // a typo inside gap={…}
  refused(settings, "gap.soap_lmax");
  settings = authors_settings();
  settings.terms[1].descriptor_values.erase("atom_sigma");
  refused(settings, "gap.soap_atom_sigma");
  settings = authors_settings();
  settings.terms[1].descriptor_values["n_max"] = 6.5;
  refused(settings, "gap.soap_n_max");
  settings = authors_settings();
  settings.terms[0].covariance_parameter = -1.0;
  refused(settings, "gap.two_body_theta");
  settings = authors_settings();
  settings.terms[1].covariance_parameter = 2.5;
  refused(settings, "gap.soap_zeta");
  settings = authors_settings();
  settings.terms[0].n_sparse = 0;
  refused(settings, "gap.two_body_n_sparse");
  settings = authors_settings();
  settings.terms[1].sparse_method = "random";
  refused(settings, "gap.soap");
  settings = authors_settings();
  settings.terms[0].delta = 0.0;
  refused(settings, "gap.two_body_delta");
  settings = authors_settings();
  settings.terms[0].descriptor_values["cutoff_transition_width"] = 6.0;
  refused(settings, "gap.cutoff_transition_width");
  settings = authors_settings();
  settings.terms[0].descriptor = "three_body";
  refused(settings, "three_body");
  settings = authors_settings();
  settings.sigma_energy = 0.0;
  refused(settings, "gap.sigma_energy");
  settings = authors_settings();
  settings.seed = 1ull << 40;
  refused(settings, "gap.seed");
  CHECK_THROWS_WITH(hykal::gap::gap_fit_config_text(authors_settings(), as_te, {"/my data/train.xyz", "/work/gap.xml"}),
                    Catch::Contains("/my data/train.xyz"));
}

TEST_CASE("gap_fit input: channels without σ get no observations and an unused σ", "[gap][quip]") {
  FitSettings settings = authors_settings();
  settings.sigma_force.reset();
  settings.sigma_virial.reset();
  std::istringstream sigmas(lines(hykal::gap::gap_fit_config_text(settings, as_te, files)).at("default_sigma").substr(1));
  double e = -1, f = -1, v = -1, h = -1;
  sigmas >> e >> f >> v >> h;
  CHECK(e == 0.001);
  CHECK(f == 0.0);
  CHECK(v == 0.0);
  CHECK(h == 0.0);
}
