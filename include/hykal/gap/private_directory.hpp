#pragma once
// A directory of this process's own under the system's temporary directory (TMPDIR, else /tmp),
// made by mkdtemp (mode 0700, a name no other process gets) and removed with everything in it
// when the object goes. The quip backend runs gap_fit and quip in one (quip_model.hpp), so that
// fits side by side (fit groups) and ranks predicting at once never share a file, and no side
// file outlives the run: the model file is the whole potential.
#include <string>

namespace hykal::gap {

class PrivateDirectory {
 public:
  // InputError naming the temporary directory when it cannot be created there.
  PrivateDirectory();
  ~PrivateDirectory();
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to the file `name` inside; returns its path. InputError if it cannot.
  std::string write_file(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

}  // namespace hykal::gap
