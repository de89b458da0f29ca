#pragma once
// Concatenating every rank's text in rank order: how per-frame strings (labels, file names)
// of distributed frames reach one rank or all. Ranks own contiguous blocks of frames in rank
// order, so the result is in global frame order.
#include <mpi.h>

#include <string>
#include <vector>

namespace hykal::parallel {

// Collective: the texts of all ranks, concatenated, on rank 0 (empty elsewhere).
std::string gather_text_to_root(const std::string& mine, MPI_Comm comm);
// Collective: the same on every rank.
std::string gather_text_to_all(const std::string& mine, MPI_Comm comm);

// Collective: root's text on every rank.
std::string broadcast_text(const std::string& text, int root, MPI_Comm comm);

// "a\nb\n" → {"a", "b"}: the form in which the gathered per-frame lines are split again.
std::vector<std::string> split_lines(const std::string& text);

}  // namespace hykal::parallel
