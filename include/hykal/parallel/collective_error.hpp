#pragma once
// Turning an input error seen by some ranks into the same error on every rank.
//
// Each rank validates only the frames it reads, so a bad frame is found by one rank while the
// others go on to the next collective call and would wait there for ever. Work that can fail on
// input is therefore run through agree_on_input_errors(): every rank learns whether any rank
// failed, the message of the lowest failing rank is broadcast, and every rank throws the same
// CollectiveInputError. main() then prints it once (rank 0) and every rank exits non-zero.
#include "hykal/error.hpp"

#include <mpi.h>

#include <functional>
#include <string>

namespace hykal::parallel {

class CollectiveInputError : public InputError {
 public:
  using InputError::InputError;
};

// Collective over comm: the non-empty message of the lowest rank that has one, on every rank
// ("" if no rank has one).
std::string first_message(MPI_Comm comm, const std::string& mine);

// Runs work(); collective over comm. Throws CollectiveInputError on every rank if work() threw
// an InputError on any rank. Other exceptions are internal errors and propagate unchanged.
void agree_on_input_errors(MPI_Comm comm, const std::function<void()>& work);

}  // namespace hykal::parallel
