#pragma once
// gap.backend = quip: the same fit (FitSettings, METHOD.md §7) done by a user's installed QUIP
// gap_fit, and prediction by QUIP's quip, both run as child processes (child_process.hpp) on
// files in a work directory. Not collective: one rank calls these with all the frames (gap_fit
// and quip parallelise with OpenMP, following OMP_NUM_THREADS).
//
// Files in the work directory (docs/quip-backend.md):
//   gap_fit_train.xyz  the training frames as gap_fit reads them: keys energy, forces (only when
//                      gap.sigma_force is set), virial (only when gap.sigma_virial is set) and
//                      config_type; other labels dropped; for e0 = isolated only the first
//                      one-atom frame of each species kept (gap_fit aborts on two); a frame
//                      without a cell gets a non-periodic box wider than twice the cutoff beyond
//                      its atoms (QUIP wants a lattice)
//   gap_fit.config     the key=value input (gap_fit_config.hpp), passed as config_file=
//   gap_fit.log        gap_fit's stdout and stderr
//   gap.xml            the potential (sparse points inside: sparse_separate_file=F), written
//                      as gap.partial.xml and renamed once checked, so an earlier gap.xml
//                      survives a failed fit
//   quip_input.xyz     the frames to predict without energy, forces, virial or labels: quip
//                      writes its results under energy and force, which would overwrite them
//   quip.out, quip.err quip's stdout (the "AT " structure lines among its log) and stderr
//   quip_output.xyz    the structure lines of quip.out, as read back (quip_output.hpp)
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/io/frame.hpp"

#include <string>
#include <vector>

namespace hykal::gap {

struct QuipBackendSettings {
  std::string gap_fit = "gap_fit";   // gap.gap_fit: path, or a name searched on PATH
  std::string quip = "quip";         // gap.quip
  double timeout_seconds = 0.0;      // gap.fit_timeout, for each run of gap_fit or quip; 0: no limit
  std::string work_directory = ".";  // created when missing
};

// A potential fitted by gap_fit.
struct QuipPotential {
  std::string xml_file;
  double cutoff = 0.0;  // Å, the longest cutoff of its terms
};

// Å, the longest cutoff of the terms: how far beyond its atoms a frame without a cell is boxed.
double longest_cutoff(const std::vector<TermSettings>& terms);

// InputError (naming the gap.* key, the frame or the program and its output) for bad settings,
// bad training data, a missing program, a failed or timed-out run, or a potential file that is
// missing, empty or holds a non-finite number.
QuipPotential fit_with_gap_fit(const std::vector<io::Frame>& training_frames, const FitSettings& settings,
                               const QuipBackendSettings& backend);

// gap_fit's own estimate of the memory the fit needs ("PEAK" of its dryrun=T output, e.g.
// "9.8 GB", as gap_fit prints it): the same input plus dryrun=T, which stops before the large
// allocations and takes about a second. InputError as above.
std::string gap_fit_memory_estimate(const std::vector<io::Frame>& training_frames, const FitSettings& settings,
                                    const QuipBackendSettings& backend);

// Energy (eV), forces (eV/Å) and virial (eV) of every frame, in order: the values `hykal
// predict` writes as gap_energy, gap_forces and gap_virial. InputError as above.
std::vector<Prediction> predict_with_quip(const QuipPotential& potential, const std::vector<io::Frame>& frames,
                                          const QuipBackendSettings& backend);

}  // namespace hykal::gap
