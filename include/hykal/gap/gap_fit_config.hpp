#pragma once
// The input of QUIP's gap_fit for the fit that FitSettings define (gap.backend = quip), following
// METHOD.md §7's template: the key=value text that gap_fit reads with config_file=FILE (one key
// per line; gap_fit turns newlines into spaces).
//
// gap_fit aborts on an unknown top-level key but silently ignores a misspelt key or a bad value
// inside gap={…}, so every setting is checked here first, with the same messages as the
// built-in fit (naming the gap.* key), and the keys inside gap={…} are spelled only here:
//   two_body → distance_Nb order=2 … covariance_type=ard_se theta_uniform=θ
//   soap     → soap l_max n_max atom_sigma … covariance_type=dot_product zeta=ζ
//   sparse_method uniform → uniform, cur → cur_points; add_species=T (gap_fit makes one
//   descriptor per species or species pair found in the training file).
// The training file is expected as the backend writes it (quip_backend.hpp): keys energy,
// forces, virial and config_type, so the parameter names are fixed here.
#include "hykal/gap/gap_fit.hpp"

#include <string>
#include <vector>

namespace hykal::gap {

struct GapFitFiles {
  std::string training_file;   // at_file
  std::string potential_file;  // gp_file (the XML potential, sparse points inside)
};

// species: the atomic numbers of the training frames, ascending (they fix the explicit e0 list).
// InputError naming the gap.* key of an invalid setting, or a file name gap_fit cannot read
// back (white space, quotes, braces or '=').
std::string gap_fit_config_text(const FitSettings& settings, const std::vector<int>& species, const GapFitFiles& files);

// `path` itself if QUIP's programs can read it as one key=value word (they split their input at
// white space and read quotes and braces); else InputError naming it.
const std::string& quip_readable_path(const std::string& path);

// The gap={…} value alone: descriptor strings separated by " : ".
std::string gap_fit_descriptor_text(const std::vector<TermSettings>& terms, const std::vector<int>& species);

}  // namespace hykal::gap
