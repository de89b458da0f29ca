#pragma once
// The sparse points of each channel of a GAP term, chosen from the training environments
// (METHOD.md §7). Collective over comm; the choice does not depend on the number of ranks.
//  - uniform (two-body, gap_fit's sparse_method=uniform): n midpoints of equal bins spanning the
//    range [min q, max q] of the channel's training environments (1-D descriptors only).
//  - cur (SOAP, gap_fit's cur_points, cur_decomposition in GAP's clustering.F90): from each
//    channel's pool (its environments outside one-atom frames), n rows of the pool's descriptor
//    matrix X (environments × p, as the covariance uses them) chosen by their leverage scores
//    π_e = ‖x_eᵀ V_k S_k⁻¹‖² over the leading k = ⌊rank/2⌋ singular directions of X (Mahoney &
//    Drineas, PNAS 106, 697 (2009)). As gap_fit: each environment gets p_e = min(1, n π_e / k)
//    and the n with the largest p_e − u_e are kept, u_e the uniform numbers gap_fit draws from
//    the same seed, in its order (libatoms_random.hpp), so that gap.seed = gap_fit's rnd_seed
//    gives gap_fit's sparse points; the draw of an environment follows from its global
//    position, so the choice does not depend on the number of ranks. Each one-atom frame's
//    environment is one more sparse point of its channel, as the authors' gap_fit command line
//    makes it (config_type_n_sparse). Our own small implementation: no Debian library offers CUR.
// Fewer pool environments in a channel than n is an InputError naming the gap.*_n_sparse key.
#include "hykal/gap/term_settings.hpp"
#include "hykal/io/frame.hpp"

#include <Eigen/Core>
#include <mpi.h>

#include <cstdint>
#include <vector>

namespace hykal::gap {

// local_frames: this rank's training frames, the first being global frame first_frame.
std::vector<Eigen::MatrixXd> select_sparse_points(const std::vector<io::Frame>& local_frames,
                                                  std::int64_t first_frame, const TermSettings& settings,
                                                  const BuiltTerm& term, std::int64_t seed, MPI_Comm comm);

}  // namespace hykal::gap
