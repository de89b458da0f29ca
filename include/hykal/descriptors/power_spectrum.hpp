#pragma once
// The SOAP power spectrum of one centre's expansion coefficients (CONVENTIONS.md §3; METHOD.md §2):
//   p^{ab}_{nn'l} = pi sqrt(8/(2l+1)) sum_m c^a_{nlm} c^b_{n'lm},   species a <= b,
// in DScribe's order. The layout lives here alone: the DScribe mode (SoapCalculator) evaluates
// it, and the GAP SOAP term (gap/soap_term.hpp) also differentiates it through for_each_feature.
#include <vector>

namespace hykal::descriptors {

class PowerSpectrum {
 public:
  PowerSpectrum(int n_species, int n_max, int l_max);

  // Length p: (S n_max)(S n_max + 1)/2 (l_max + 1).
  int feature_count() const { return feature_count_; }
  // Coefficients per centre: S (l_max+1)^2 n_max, ordered [species][l][n][m].
  int coefficient_count() const { return n_species_ * species_block(); }
  // Coefficients of one species: (l_max+1)^2 n_max.
  int species_block() const { return (l_max_ + 1) * (l_max_ + 1) * n_max_; }
  // Position of c^s_{n l m} for m = -l; the 2l+1 values of m follow.
  int coefficient_index(int species, int l, int n) const {
    return species * species_block() + n_max_ * l * l + n * (2 * l + 1);
  }
  double prefactor(int l) const { return prefactor_[l]; }

  // features[0 … p-1] from coefficients[0 … coefficient_count()-1].
  void evaluate(const double* coefficients, double* features) const;

  // visit(a, b, l, n, n2, feature) for every feature, in DScribe's loop nest (§3.2): species
  // pairs a <= b, then l, then n, n' (n' >= n within one species).
  template <class Visit>
  void for_each_feature(Visit&& visit) const {
    int feature = 0;
    for (int a = 0; a < n_species_; ++a)
      for (int b = a; b < n_species_; ++b)
        for (int l = 0; l <= l_max_; ++l)
          for (int n = 0; n < n_max_; ++n)
            for (int n2 = a == b ? n : 0; n2 < n_max_; ++n2) visit(a, b, l, n, n2, feature++);
  }

 private:
  int n_species_, n_max_, l_max_;
  int feature_count_;
  std::vector<double> prefactor_;  // pi sqrt(8/(2l+1)) per l
};

}  // namespace hykal::descriptors
