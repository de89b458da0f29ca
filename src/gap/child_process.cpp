#include "hykal/gap/child_process.hpp"

#include "hykal/error.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace hykal::gap {

namespace {

bool is_executable_file(const std::string& path) {
  struct stat status {};
  return ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

bool starts_with(const char* text, const char* prefix) { return std::strncmp(text, prefix, std::strlen(prefix)) == 0; }

// NULL-terminated array of pointers into `strings`, as exec wants.
std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// RAII for the two posix_spawn attribute objects.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attributes{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

void describe_child(SpawnSetup& setup, const ChildProgram& child) {
  const std::string output = std::filesystem::absolute(child.output_path).string();
  const std::string error = std::filesystem::absolute(child.error_path).string();
  const int write_flags = O_WRONLY | O_CREAT | O_TRUNC;
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&setup.actions, 1, output.c_str(), write_flags, 0644);
  if (error == output) posix_spawn_file_actions_adddup2(&setup.actions, 1, 2);
  else posix_spawn_file_actions_addopen(&setup.actions, 2, error.c_str(), write_flags, 0644);
  posix_spawn_file_actions_addchdir_np(&setup.actions, child.working_directory.c_str());
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&setup.attributes, &signals);
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&setup.attributes, &signals);
  posix_spawnattr_setpgroup(&setup.attributes, 0);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

pid_t spawn(const ChildProgram& child, const std::string& executable) {
  SpawnSetup setup;
  describe_child(setup, child);
  std::vector<std::string> argv{executable};
  argv.insert(argv.end(), child.arguments.begin(), child.arguments.end());
  std::vector<std::string> environment = child_environment();
  std::vector<char*> argv_pointers = pointers_to(argv);
  std::vector<char*> environment_pointers = pointers_to(environment);
  pid_t pid = 0;
  const int status = posix_spawn(&pid, executable.c_str(), &setup.actions, &setup.attributes, argv_pointers.data(),
                                 environment_pointers.data());
  if (status != 0) {
    throw InputError(child.setting_key + ": cannot start '" + executable + "' in " + child.working_directory + ": " +
                     std::strerror(status));
  }
  return pid;
}

// Waits for pid, polling every 10–100 ms; kills its process group once the time limit is over.
ChildOutcome wait_for(pid_t pid, double timeout_seconds) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto deadline = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(timeout_seconds));
  auto pause = std::chrono::milliseconds(10);
  ChildOutcome outcome;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      outcome.ending = WIFSIGNALED(status) ? ChildOutcome::Ending::signalled : ChildOutcome::Ending::exited;
      outcome.code = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
      break;
    }
    if (done < 0 && errno != EINTR) HYKAL_THROW(std::string("waitpid failed: ") + std::strerror(errno));
    if (timeout_seconds > 0.0 && clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      outcome.ending = ChildOutcome::Ending::timed_out;
      break;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
  outcome.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return outcome;
}

// The last `count` lines of a file, indented, or a note that it is empty.
std::string last_lines(const std::string& path, std::size_t count) {
  std::ifstream in(path);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > count) lines.pop_front();
  }
  if (lines.empty()) return "  (" + path + " is empty)\n";
  std::string text = "  (last lines of " + path + ")\n";
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text;
}

}  // namespace

// Absolute: the child changes to its working directory before the program is executed.
std::string find_program(const std::string& program, const std::string& setting_key) {
  if (program.find('/') != std::string::npos) {
    if (is_executable_file(program)) return std::filesystem::absolute(program).string();
    throw InputError(setting_key + ": '" + program + "' does not exist or is not an executable file");
  }
  const char* path = std::getenv("PATH");
  std::istringstream directories(path != nullptr ? path : "");
  for (std::string directory; std::getline(directories, directory, ':');) {
    const std::string candidate = (directory.empty() ? "." : directory) + "/" + program;
    if (is_executable_file(candidate)) return std::filesystem::absolute(candidate).string();
  }
  throw InputError(setting_key + ": the program '" + program +
                   "' was not found on PATH (install QUIP/GAP, or set " + setting_key + " to its full path)");
}

std::vector<std::string> child_environment() {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (starts_with(*entry, "OMPI_") || starts_with(*entry, "PMIX_") || starts_with(*entry, "PMI_")) continue;
    environment.emplace_back(*entry);
  }
  return environment;
}

ChildOutcome run_child(const ChildProgram& child) {
  HYKAL_ASSERT(child.timeout_seconds >= 0.0, "a time limit, or 0 for none");
  return wait_for(spawn(child, find_program(child.program, child.setting_key)), child.timeout_seconds);
}

void require_success(const ChildProgram& child, const ChildOutcome& outcome, const std::string& timeout_key) {
  if (outcome.succeeded()) return;
  std::ostringstream message;
  message << child.setting_key << ": '" << child.program << "' ";
  if (outcome.ending == ChildOutcome::Ending::timed_out) {
    message << "did not finish within " << timeout_key << " = " << child.timeout_seconds << " s and was killed";
  } else if (outcome.ending == ChildOutcome::Ending::signalled) {
    message << "was killed by signal " << outcome.code << " (" << strsignal(outcome.code) << ") after " << outcome.seconds
            << " s";
  } else {
    message << "failed with exit status " << outcome.code << " after " << outcome.seconds << " s";
  }
  message << "\n" << last_lines(child.output_path, 12);
  if (child.error_path != child.output_path) message << last_lines(child.error_path, 12);
  throw InputError(message.str());
}

}  // namespace hykal::gap
