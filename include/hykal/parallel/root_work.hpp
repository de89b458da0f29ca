#pragma once
// Serial work one rank does while the other ranks of its communicator wait: QUIP's gap_fit, run
// by rank 0 of a fit's communicator (gap/quip_model.hpp). The waiting ranks poll a non-blocking
// barrier with short sleeps instead of sitting in a blocking collective, because MPI libraries
// spin in blocking calls and would take the cores that the work's own threads (gap_fit's
// OpenMP) are meant to use.
#include <mpi.h>

#include <functional>

namespace hykal::parallel {

// Collective over comm: root runs work(); every rank returns once root is done. An exception
// thrown by work() propagates on root only, after the wait (agree on it afterwards, e.g. with
// agree_on_input_errors around this call).
void run_on_root(MPI_Comm comm, int root, const std::function<void()>& work);

}  // namespace hykal::parallel
