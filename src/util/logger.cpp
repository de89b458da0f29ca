#include "hykal/util/logger.hpp"

#include <cstdio>
#include <iostream>
#include <utility>

namespace hykal::util {
namespace {

std::string stamp(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "[%9.2f s] ", seconds);
  return text;
}

}  // namespace

Logger::Logger(MPI_Comm comm, std::string prefix)
    : prefix_(std::move(prefix)), start_(std::chrono::steady_clock::now()) {
  MPI_Comm_rank(comm, &rank_);
}

double Logger::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Logger::info(const std::string& message) const {
  if (rank_ == 0) std::cout << stamp(elapsed_seconds()) << prefix_ << message << std::endl;
}

void Logger::warning(const std::string& message) const {
  if (rank_ == 0) std::cout << stamp(elapsed_seconds()) << prefix_ << "warning: " << message << std::endl;
}

Progress::Progress(const Logger& logger, std::string label)
    : logger_(logger), label_(std::move(label)), started_(logger.elapsed_seconds()) {}

void Progress::update(long long done, long long total) {
  const double now = logger_.elapsed_seconds();
  const bool finished = done >= total;
  if (!finished && now - last_print_ < 5.0) return;
  last_print_ = now;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const double spent = now - started_;
  char text[160];
  if (finished || fraction <= 0.0)
    std::snprintf(text, sizeof text, ": %lld/%lld (%.0f %%), %.1f s", done, total, 100.0 * fraction, spent);
  else
    std::snprintf(text, sizeof text, ": %lld/%lld (%.0f %%), %.1f s, about %.0f s left", done, total,
                  100.0 * fraction, spent, spent * (1.0 - fraction) / fraction);
  logger_.info(label_ + text);
}

}  // namespace hykal::util
