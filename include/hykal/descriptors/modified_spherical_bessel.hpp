#pragma once
// Exponentially scaled modified spherical Bessel functions of the first kind, e^{-x} i_l(x),
// l = 0 … l_max, for the angular integral of a Gaussian (CONVENTIONS.md §2.2).
//
// DScribe uses upward recurrence everywhere (and clamps negative results to 0), which loses all
// accuracy for x < l. We use upward recurrence only where it is stable (x well above l_max) and
// otherwise the power series for the two highest orders followed by downward recurrence
// (i_l is the minimal solution, for which the downward direction is stable). The scaling keeps
// x = 2 eta r r_i of several hundred within range.
namespace hykal::descriptors {

// values[l] = exp(-x) i_l(x) for l = 0 … l_max; x >= 0.
void scaled_modified_spherical_bessel(int l_max, double x, double* values);

}  // namespace hykal::descriptors
