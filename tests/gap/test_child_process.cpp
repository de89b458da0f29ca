// The child-process runner of gap.backend = quip, checked with fake programs (shell scripts
// written here): a failing program, one that outlives its time limit (killed with what it
// started), a missing program, and the environment a child sees (no OMPI_*/PMIX_*/PMI_*,
// OMP_NUM_THREADS passed on). The expected behaviour is stated in child_process.hpp.
#include "hykal/error.hpp"
#include "hykal/gap/child_process.hpp"

#include "fake_programs.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace {

using hykal::gap::ChildOutcome;
using hykal::gap::ChildProgram;

ChildProgram fake(const hykal::test::ScratchDirectory& directory, const std::string& script) {
  ChildProgram child;
  child.program = hykal::test::write_script(directory, "fake_program", script);
  child.setting_key = "gap.gap_fit";
  child.working_directory = directory.path();
  child.output_path = child.error_path = directory.file("fake.log");
  child.timeout_seconds = 20.0;
  return child;
}

}  // namespace

TEST_CASE("child process: a program that succeeds runs in the work directory with its arguments", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-ok");
  ChildProgram child = fake(directory, "pwd; echo \"$@\"; echo to-stderr >&2");
  child.timeout_seconds = 0.0;  // no limit
  // A program path relative to the current directory, not to the working directory the child
  // starts in (which has no fake_program).
  const std::filesystem::path current = std::filesystem::current_path();
  std::filesystem::current_path(directory.path());
  child.program = "./fake_program";
  child.working_directory = directory.file("work");
  std::filesystem::create_directories(child.working_directory);
  child.arguments = {"config_file=/a b/c", "E=T"};
  const ChildOutcome outcome = hykal::gap::run_child(child);
  std::filesystem::current_path(current);
  CHECK(outcome.succeeded());
  const std::string log = hykal::test::read_text(child.output_path);
  CHECK(log.find(child.working_directory + "\n") == 0);
  CHECK(log.find("config_file=/a b/c E=T\n") != std::string::npos);
  CHECK(log.find("to-stderr") != std::string::npos);
  CHECK_NOTHROW(hykal::gap::require_success(child, outcome, "gap.fit_timeout"));
}

TEST_CASE("child process: exit status 1 is a failure quoting the program's last lines", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-exit");
  const ChildProgram child = fake(directory, "echo 'SYSTEM ABORT: Exit: Mandatory argument(s) missing...'; exit 1");
  const ChildOutcome outcome = hykal::gap::run_child(child);
  CHECK(outcome.ending == ChildOutcome::Ending::exited);
  CHECK(outcome.code == 1);
  CHECK_THROWS_WITH(hykal::gap::require_success(child, outcome, "gap.fit_timeout"),
                    Catch::Contains("gap.gap_fit") && Catch::Contains("exit status 1") &&
                        Catch::Contains("Mandatory argument(s) missing"));
}

TEST_CASE("child process: a program killed by a signal is a failure", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-signal");
  const ChildProgram child = fake(directory, "kill -SEGV $$");
  const ChildOutcome outcome = hykal::gap::run_child(child);
  CHECK(outcome.ending == ChildOutcome::Ending::signalled);
  CHECK(outcome.code == SIGSEGV);
  CHECK_THROWS_WITH(hykal::gap::require_success(child, outcome, "gap.fit_timeout"), Catch::Contains("signal"));
}

TEST_CASE("child process: a program past its time limit is killed with what it started", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-timeout");
  // The script starts sleep as its own child and waits: both must go.
  ChildProgram child = fake(directory, "echo $$ > " + directory.file("pid") + "; sleep 60; echo woke");
  child.timeout_seconds = 0.5;
  const ChildOutcome outcome = hykal::gap::run_child(child);
  CHECK(outcome.ending == ChildOutcome::Ending::timed_out);
  CHECK(outcome.seconds >= 0.5);
  CHECK(outcome.seconds < 10.0);
  CHECK_THROWS_WITH(hykal::gap::require_success(child, outcome, "gap.fit_timeout"),
                    Catch::Contains("gap.fit_timeout = 0.5 s") && Catch::Contains("killed"));
  // The script was its process group's leader; no member of the group may survive (a killed
  // sleep is reaped by init shortly after).
  const pid_t group = std::stoi(hykal::test::read_text(directory.file("pid")));
  bool gone = false;
  for (int attempt = 0; attempt < 100 && !gone; ++attempt) {
    gone = ::kill(-group, 0) != 0 && errno == ESRCH;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(gone);
  CHECK(hykal::test::read_text(child.output_path).find("woke") == std::string::npos);
}

TEST_CASE("child process: a missing program is named with its setting", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-missing");
  CHECK_THROWS_WITH(hykal::gap::find_program("hykal-no-such-gap_fit", "gap.gap_fit"),
                    Catch::Contains("gap.gap_fit") && Catch::Contains("hykal-no-such-gap_fit") && Catch::Contains("PATH"));
  ChildProgram child = fake(directory, "exit 0");
  child.program = directory.file("bin/quip");
  child.setting_key = "gap.quip";
  CHECK_THROWS_WITH(hykal::gap::run_child(child), Catch::Contains("gap.quip") && Catch::Contains(directory.file("bin/quip")));
  child.program = directory.file("fake.log");  // exists, not executable
  CHECK_THROWS_WITH(hykal::gap::run_child(child), Catch::Contains("not an executable"));
}

TEST_CASE("child process: the child sees no OMPI_, PMIX_ or PMI_ variables, and OMP_NUM_THREADS", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-child-environment");
  // Under mpiexec the test already has OMPI_* variables; these make sure every prefix is there.
  const char* threads_before = std::getenv("OMP_NUM_THREADS");
  const std::string saved_threads = threads_before != nullptr ? threads_before : "";
  ::setenv("OMPI_HYKAL_TEST", "1", 1);
  ::setenv("PMIX_HYKAL_TEST", "1", 1);
  ::setenv("PMI_HYKAL_TEST", "1", 1);
  ::setenv("OMP_NUM_THREADS", "3", 1);
  const ChildProgram child = fake(directory, "env");
  REQUIRE(hykal::gap::run_child(child).succeeded());
  std::istringstream environment(hykal::test::read_text(child.output_path));
  int seen = 0;
  bool threads = false;
  for (std::string line; std::getline(environment, line); ++seen) {
    INFO(line);
    CHECK(line.rfind("OMPI_", 0) != 0);
    CHECK(line.rfind("PMIX_", 0) != 0);
    CHECK(line.rfind("PMI_", 0) != 0);
    threads |= line == "OMP_NUM_THREADS=3";
  }
  CHECK(seen > 0);
  CHECK(threads);
  ::unsetenv("OMPI_HYKAL_TEST");
  ::unsetenv("PMIX_HYKAL_TEST");
  ::unsetenv("PMI_HYKAL_TEST");
  if (threads_before != nullptr) ::setenv("OMP_NUM_THREADS", saved_threads.c_str(), 1);
  else ::unsetenv("OMP_NUM_THREADS");
}
