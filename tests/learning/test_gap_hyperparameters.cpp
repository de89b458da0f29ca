// A point of the BO's GAP search space lands in the fit settings where METHOD.md §6 step 2 puts
// it: cutoff and δ shared by both descriptors, each n_sparse in its own term, l_max, n_max and
// atom_sigma in the SOAP term; every value not searched stays as configured.
#include "hykal/error.hpp"
#include "hykal/learning/gap_hyperparameters.hpp"
#include "hykal/learning/gap_search_space.hpp"

#include <catch2/catch.hpp>

using namespace hykal;

TEST_CASE("searched hyperparameters replace the configured ones, nothing else") {
  gap::GapSettings configured;
  configured.two_body_theta = 0.7;
  configured.soap_zeta = 2;
  configured.sigma_force = 0.1;
  configured.seed = 11;
  const learning::SearchSpace space = learning::default_gap_search_space();
  // Ordered as the space: cutoff, delta, two_body_n_sparse, soap_n_sparse, soap_l_max, soap_n_max, soap_atom_sigma.
  const std::vector<double> values = {5.2, 0.4, 37.0, 1999.6, 7.0, 6.0, 0.55};
  REQUIRE(space.dimension() == values.size());
  const gap::FitSettings fit = learning::fit_settings_at(configured, space, values);
  REQUIRE(fit.terms.size() == 2);
  const gap::TermSettings& two_body = fit.terms[0];
  const gap::TermSettings& soap = fit.terms[1];
  CHECK(two_body.descriptor_values.at("cutoff") == 5.2);
  CHECK(soap.descriptor_values.at("cutoff") == 5.2);
  CHECK(two_body.delta == 0.4);
  CHECK(soap.delta == 0.4);
  CHECK(two_body.n_sparse == 37);
  CHECK(soap.n_sparse == 2000);  // integer parameters are rounded
  CHECK(soap.descriptor_values.at("l_max") == 7);
  CHECK(soap.descriptor_values.at("n_max") == 6);
  CHECK(soap.descriptor_values.at("atom_sigma") == 0.55);
  CHECK(two_body.covariance_parameter == 0.7);
  CHECK(soap.covariance_parameter == 2);
  CHECK(fit.sigma_force == 0.1);
  CHECK(fit.seed == 11);
  CHECK(two_body.descriptor_values.at("cutoff_transition_width") == configured.cutoff_transition_width);
}

TEST_CASE("a search space with a name no GAP setting carries is a programming error") {
  const learning::SearchSpace space({{"soap_radius", 1.0, 2.0, learning::Scale::linear}});
  CHECK_THROWS_AS(learning::with_hyperparameters(gap::GapSettings{}, space, {1.5}), hykal::InternalError);
}
