#pragma once
// The two kinds of failure hykal reports.
//  - InputError: the user's data or settings are wrong. The message names the file, frame,
//    line and field (or the option) and is meant to be read as is.
//  - SettingError: an InputError about one value of a setting, named by the quantity it sets
//    ("n_max", "block size"), not by a configuration key: the same code serves several stages
//    with their own keys, and the application maps the quantity to the key the user wrote.
//  - InternalError: a library call or an invariant failed; it carries the source location so
//    that a bug report can point at the code (HYKAL_THROW).
#include <stdexcept>
#include <string>

namespace hykal {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SettingError : public InputError {
 public:
  SettingError(const std::string& quantity, const std::string& problem)
      : InputError(quantity + ": " + problem), quantity_(quantity), problem_(problem) {}
  const std::string& quantity() const { return quantity_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string quantity_;
  std::string problem_;
};

class InternalError : public std::runtime_error {
 public:
  InternalError(const std::string& what, const char* function, const char* file, int line)
      : std::runtime_error(what + " [in " + function + ", " + file + ":" + std::to_string(line) + "]") {}
};

}  // namespace hykal

#define HYKAL_THROW(message) throw ::hykal::InternalError((message), __func__, __FILE__, __LINE__)
#define HYKAL_ASSERT(condition, message) \
  do {                                   \
    if (!(condition)) HYKAL_THROW(std::string("assertion failed: ") + #condition + ": " + (message)); \
  } while (0)
