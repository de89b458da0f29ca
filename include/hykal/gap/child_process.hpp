#pragma once
// Runs an external program (QUIP's gap_fit and quip, the gap.backend = quip fit) as a child
// process with a time limit, and reports how it ended.
//
// Our own small code: no Debian library in our stack (Boost.Program_options, Eigen, MPI, HDF5…)
// spawns a process with a timeout; Boost.Process is not among our dependencies and std:: has no
// process API. posix_spawn is used rather than fork: inside an MPI process, fork copies the
// registered memory of the MPI library, posix_spawn (vfork-like in glibc) does not.
//
// The child gets:
//  - the parent's environment without OMPI_*, PMIX_* and PMI_* variables, so an MPI-built
//    gap_fit or quip runs as a standalone program instead of trying to join our MPI job;
//    OMP_NUM_THREADS and everything else pass through (both QUIP programs follow it);
//  - stdin from /dev/null, stdout and stderr into files (the same file when the paths match);
//  - its own process group, so that on timeout the whole group (a script and what it started)
//    is killed with SIGKILL, never left running;
//  - default signal dispositions and an empty signal mask (the MPI library may block some).
#include <string>
#include <vector>

namespace hykal::gap {

struct ChildProgram {
  std::string program;                 // a path, or a name searched on PATH
  std::string setting_key;             // the key that sets `program` (gap.gap_fit), for messages
  std::vector<std::string> arguments;  // argv[1 …]
  std::string working_directory;       // must exist
  std::string output_path;             // the child's stdout (truncated)
  std::string error_path;              // the child's stderr (truncated; may equal output_path)
  double timeout_seconds = 0.0;        // 0: no limit
};

struct ChildOutcome {
  enum class Ending { exited, signalled, timed_out };
  Ending ending = Ending::exited;
  int code = 0;          // exit status, or the signal number when signalled
  double seconds = 0.0;  // wall time
  bool succeeded() const { return ending == Ending::exited && code == 0; }
};

// The executable `program` names, as an absolute path: itself when it contains '/' (relative to
// the current directory), else the first match on PATH.
// InputError naming setting_key and the path when there is none or it is not executable.
std::string find_program(const std::string& program, const std::string& setting_key);

// The environment a child gets (see above), as NAME=value strings.
std::vector<std::string> child_environment();

// Starts the program and waits for it (polling; at most timeout_seconds when that is positive). InputError naming
// setting_key when the program cannot be found or started.
ChildOutcome run_child(const ChildProgram& child);

// InputError saying how the run failed (exit status, signal or timeout, with timeout_key named)
// and quoting the last lines of its output, unless it succeeded.
void require_success(const ChildProgram& child, const ChildOutcome& outcome, const std::string& timeout_key);

}  // namespace hykal::gap
