#include "hykal/app/stored_clustering.hpp"

#include "hykal/app/stored_stage.hpp"
#include "hykal/io/hdf5.hpp"

namespace hykal::app {
namespace {

bool determines_clustering(const std::string& key) {
  for (const char* section : {"soap.", "coulomb.", "kernel.", "clustering.", "map."})
    if (key.rfind(section, 0) == 0) return true;
  return key == "data.isolated_atoms" || key == "parallel.eigensolver";
}

}  // namespace

std::string clustering_settings_signature(const Configuration& configuration, const io::FrameIndex& index) {
  return settings_signature(configuration, index, determines_clustering);
}

std::optional<StoredClustering> load_stored_clustering(const std::string& path, const std::string& signature,
                                                       std::int64_t n_frames, MPI_Comm comm) {
  if (!stored_signature_matches(path, "clustering", {"chosen/labels"}, signature, comm)) return std::nullopt;
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  StoredClustering stored;
  long long count = 0;
  if (rank == 0) {
    io::hdf5::Handle file = io::hdf5::open_read_only(path);
    stored.labels = io::hdf5::read_integers(file, "clustering/chosen/labels");
    io::hdf5::Handle chosen(H5Gopen2(file, "clustering/chosen", H5P_DEFAULT));
    stored.delta = io::hdf5::read_double_attribute(chosen, "delta");
    stored.n_clusters = static_cast<long long>(io::hdf5::read_double_attribute(chosen, "n_clusters"));
    count = static_cast<long long>(stored.labels.size());
  }
  MPI_Bcast(&count, 1, MPI_LONG_LONG, 0, comm);
  if (count != n_frames) return std::nullopt;
  stored.labels.resize(static_cast<std::size_t>(count));
  MPI_Bcast(stored.labels.data(), static_cast<int>(count), MPI_LONG_LONG, 0, comm);
  MPI_Bcast(&stored.delta, 1, MPI_DOUBLE, 0, comm);
  MPI_Bcast(&stored.n_clusters, 1, MPI_LONG_LONG, 0, comm);
  return stored;
}

}  // namespace hykal::app
