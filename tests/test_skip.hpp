#pragma once
// A test that needs something this machine lacks (QUIP's gap_fit on PATH) calls skip() and
// returns; the shared test main then exits with 77, which ctest reports as skipped when the test
// is registered with SKIP_RETURN_CODE 77 (cmake/HykalTesting.cmake), never as passed.
#include <string>

namespace hykal::test {

constexpr int skip_return_code = 77;

// Records the reason (printed by the test main) and marks this executable's run as skipped.
void skip(const std::string& reason);

// The reasons recorded so far on this rank (empty: nothing skipped).
const std::string& skip_reasons();

}  // namespace hykal::test
