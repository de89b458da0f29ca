#include "hykal/io/interrupt_cleanup.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace hykal::io {
namespace {

// Prepared outside the handler; signals are blocked while these change.
char pending_path[4096] = "";
char message[4300] = "hykal: interrupted\n";
std::size_t message_length = std::strlen(message);
bool report_message = true;

extern "C" void on_interrupt(int signal_number) {
  if (pending_path[0] != '\0') unlink(pending_path);
  if (report_message) {
    const ssize_t ignored = write(STDERR_FILENO, message, message_length);
    (void)ignored;
  }
  _exit(128 + signal_number);
}

}  // namespace

void install_interrupt_cleanup() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

void remove_on_interrupt(const std::string& path, bool report) {
  sigset_t interrupts, previous;
  sigemptyset(&interrupts);
  sigaddset(&interrupts, SIGTERM);
  sigaddset(&interrupts, SIGINT);
  sigprocmask(SIG_BLOCK, &interrupts, &previous);
  const std::string text = path.empty() || path.size() >= sizeof pending_path
                               ? std::string("hykal: interrupted\n")
                               : "hykal: interrupted; removed the unfinished results file " + path + "\n";
  std::strncpy(pending_path, path.size() < sizeof pending_path ? path.c_str() : "", sizeof pending_path - 1);
  std::strncpy(message, text.c_str(), sizeof message - 1);
  message_length = std::strlen(message);
  report_message = report;
  sigprocmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace hykal::io
