#pragma once
// SIGTERM (what SLURM sends at the time limit) and SIGINT (Ctrl-C) while hykal runs: the
// temporary results file being written is removed and the process exits with status 128 + the
// signal number and one line on stderr, instead of leaving a full-size .tmp- file behind. The
// handler only calls async-signal-safe functions (unlink, write, _exit) on text prepared
// beforehand.
#include <string>

namespace hykal::io {

// Installs the handlers for SIGTERM and SIGINT; called once at start.
void install_interrupt_cleanup();

// The file an interrupt removes from now on (replacing any earlier one); "" for none. report:
// this process prints the line (rank 0 of the writers).
void remove_on_interrupt(const std::string& path, bool report);

}  // namespace hykal::io
