#include "hykal/app/stored_stage.hpp"

#include "hykal/app/option_table.hpp"
#include "hykal/error.hpp"
#include "hykal/io/hdf5.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

namespace hykal::app {

std::string settings_signature(const Configuration& configuration, const io::FrameIndex& index,
                               const std::function<bool(const std::string& key)>& determines) {
  std::string signature;
  for (const std::string& file : index.files) {
    struct stat status {};
    stat(file.c_str(), &status);
    // To the nanosecond: a file rewritten with the same size within one second is another file.
    char modified[48];
    std::snprintf(modified, sizeof modified, "%lld.%09ld", static_cast<long long>(status.st_mtim.tv_sec), status.st_mtim.tv_nsec);
    signature += "file = " + std::filesystem::weakly_canonical(file).string() + " " + std::to_string(status.st_size) + " bytes, modified " +
                 modified + "\n";
  }
  for (const OptionSpec& spec : option_table())
    if (determines(spec.key)) signature += spec.key + " = " + configuration.text(spec.key) + "\n";
  return signature;
}

bool stored_signature_matches(const std::string& path, const std::string& group, const std::vector<std::string>& datasets,
                              const std::string& signature, MPI_Comm comm) {
  int rank = 0, matches = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0 && std::filesystem::is_regular_file(path) && H5Fis_hdf5(path.c_str()) > 0) {
    try {
      io::hdf5::Handle file = io::hdf5::open_read_only(path);
      bool complete = io::hdf5::exists(file, group);
      for (const std::string& dataset : datasets) complete = complete && io::hdf5::exists(file, group + "/" + dataset);
      if (complete) {
        io::hdf5::Handle stored(H5Gopen2(file, group.c_str(), H5P_DEFAULT));
        matches = H5Aexists(stored, "settings") > 0 && io::hdf5::read_string_attribute(stored, "settings") == signature;
      }
    } catch (const InputError&) {
      matches = 0;  // not a results file of ours: computed afresh
    }
  }
  MPI_Bcast(&matches, 1, MPI_INT, 0, comm);
  return matches != 0;
}

}  // namespace hykal::app
