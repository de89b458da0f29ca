// The default GAP search space is the authors' (METHOD.md §6 step 2), and bad bound values are
// refused with a message naming their key.
#include "hykal/error.hpp"
#include "hykal/learning/gap_search_space.hpp"

#include <catch2/catch.hpp>

using namespace hykal::learning;

TEST_CASE("default GAP search space: METHOD.md §6's seven hyperparameters and bounds") {
  const SearchSpace space = default_gap_search_space();
  REQUIRE(space.dimension() == 7);
  const auto& p = space.parameters();
  const struct { const char* name; double low, high; Scale scale; } expected[] = {
      {"cutoff", 4.0, 5.5, Scale::linear},          {"delta", 0.01, 0.99, Scale::linear},
      {"two_body_n_sparse", 10, 100, Scale::integer}, {"soap_n_sparse", 1500, 2500, Scale::integer},
      {"soap_l_max", 5, 8, Scale::integer},           {"soap_n_max", 5, 8, Scale::integer},
      {"soap_atom_sigma", 0.1, 1.0, Scale::linear}};
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(p[i].name == expected[i].name);
    CHECK(p[i].low == expected[i].low);
    CHECK(p[i].high == expected[i].high);
    CHECK(p[i].scale == expected[i].scale);
  }
}

TEST_CASE("bound values: log scale accepted, bad pairs refused naming the key") {
  const auto with = [](const std::string& key, const std::string& text) {
    return gap_search_space([&](const std::string& k) {
      if (k == key) return text;
      for (const GapBoundRule& rule : gap_bound_rules())
        if ("bo." + rule.name == k) return rule.default_bounds;
      return std::string();
    });
  };
  CHECK(with("bo.delta", "0.01 0.99 log").parameters()[1].scale == Scale::log);
  CHECK_THROWS_WITH(with("bo.cutoff", "5.5 4.0"), Catch::Contains("bo.cutoff") && Catch::Contains("not below"));
  CHECK_THROWS_WITH(with("bo.soap_atom_sigma", "0 1"), Catch::Contains("bo.soap_atom_sigma"));
  CHECK_THROWS_WITH(with("bo.soap_l_max", "-1 8"), Catch::Contains("bo.soap_l_max"));
  CHECK_THROWS_WITH(with("bo.soap_n_max", "5.5 8"), Catch::Contains("bo.soap_n_max"));
  CHECK_THROWS_WITH(with("bo.soap_n_max", "5 8 log"), Catch::Contains("bo.soap_n_max"));
  CHECK_THROWS_WITH(with("bo.delta", "0.1"), Catch::Contains("bo.delta"));
  CHECK_THROWS_WITH(with("bo.delta", "0.1 0.5 linear"), Catch::Contains("bo.delta"));
}
