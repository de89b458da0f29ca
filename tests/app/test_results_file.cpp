// The results file: written collectively under a temporary name, renamed by commit(), readable
// by h5dump and h5py, and an unfinished run never replaces an earlier complete file.
#include "hykal/io/frames_group.hpp"
#include "hykal/io/results_file.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace hykal::io;

namespace {

int rank_of() { int r = 0; MPI_Comm_rank(MPI_COMM_WORLD, &r); return r; }
int size_of() { int s = 1; MPI_Comm_size(MPI_COMM_WORLD, &s); return s; }

// A directory shared by all ranks (rank 0 names it).
std::string shared_temporary_directory() {
  std::string path;
  if (rank_of() == 0) {
    char pattern[] = "/tmp/hykal-results-XXXXXX";
    path = mkdtemp(pattern);
  }
  int length = static_cast<int>(path.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
  path.resize(static_cast<std::size_t>(length));
  MPI_Bcast(path.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
  return path;
}

// Global frame g has g+1 atoms, energy −g eV, temperature 100·g K, and a phase label.
Frame synthetic_frame(long long g) {
  Frame frame;
  frame.atomic_numbers.assign(static_cast<std::size_t>(g + 1), 14);
  frame.positions = AtomVectors::Zero(g + 1, 3);
  frame.energy = -static_cast<double>(g);
  frame.source_file = g % 2 ? "odd.xyz" : "a/longer/even.xyz";
  frame.source_index = g / 2;
  frame.labels["temperature"] = std::to_string(100 * g);
  if (g != 3) frame.labels["phase"] = g < 4 ? "melt" : "glass";
  return frame;
}

}  // namespace

TEST_CASE("frames are written in parallel and read back in global order") {
  const std::string directory = shared_temporary_directory();
  const std::string path = directory + "/results.h5";
  const long long total = 10;
  // Uneven contiguous blocks: rank r gets frames [first, last).
  const long long first = total * rank_of() / size_of(), last = total * (rank_of() + 1) / size_of();
  std::vector<Frame> local;
  for (long long g = first; g < last; ++g) local.push_back(synthetic_frame(g));
  {
    ResultsFile results(path, MPI_COMM_WORLD);
    CHECK_FALSE(std::filesystem::exists(path));
    results.write_run_attributes("0.0-test", "abc", "[soap]\nr_cut = 5.5\n");
    write_frames_group(results.id(), MPI_COMM_WORLD, local, first, total);
    results.commit();
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank_of() == 0) {
    hdf5::Handle file = hdf5::open_read_only(path);
    const auto energy = hdf5::read_doubles(file, "frames/energy");
    const auto per_atom = hdf5::read_doubles(file, "frames/energy_per_atom");
    const auto temperature = hdf5::read_doubles(file, "frames/labels/temperature");
    const auto n_atoms = hdf5::read_integers(file, "frames/n_atoms");
    REQUIRE(energy.values.size() == static_cast<std::size_t>(total));
    for (long long g = 0; g < total; ++g) {
      CHECK(energy.values[g] == -static_cast<double>(g));
      CHECK(per_atom.values[g] == Approx(-static_cast<double>(g) / (g + 1)));
      CHECK(temperature.values[g] == 100.0 * g);
      CHECK(n_atoms[g] == g + 1);
    }
    CHECK(hdf5::read_string_attribute(file, "configuration") == "[soap]\nr_cut = 5.5\n");
    CHECK(std::system(("h5dump -H " + path + " > /dev/null").c_str()) == 0);
    // h5py (what users script with) sees the string labels and source files.
    const std::string script =
        "import h5py,sys; f=h5py.File(sys.argv[1],'r'); "
        "p=[x.decode() for x in f['frames/labels/phase'][:]]; s=[x.decode() for x in f['frames/source_file'][:]]; "
        "assert p[:5]==['melt','melt','melt','','glass'], p; assert s[0]=='a/longer/even.xyz' and s[1]=='odd.xyz', s; "
        "assert f.attrs['mpi_ranks']==" + std::to_string(size_of()) + "";
    CHECK(std::system(("/usr/bin/python3 -c \"" + script + "\" " + path).c_str()) == 0);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank_of() == 0) std::filesystem::remove_all(directory);
}

TEST_CASE("a run that fails before commit leaves the earlier file and no temporary file") {
  const std::string directory = shared_temporary_directory();
  const std::string path = directory + "/results.h5";
  if (rank_of() == 0) std::ofstream(path) << "earlier complete results";
  MPI_Barrier(MPI_COMM_WORLD);
  try {
    ResultsFile results(path, MPI_COMM_WORLD);
    throw std::runtime_error("stage failed");
  } catch (const std::runtime_error&) {
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank_of() == 0) {
    std::ifstream earlier(path);
    std::string text;
    std::getline(earlier, text);
    CHECK(text == "earlier complete results");
    CHECK(std::distance(std::filesystem::directory_iterator(directory), std::filesystem::directory_iterator()) == 1);
    std::filesystem::remove_all(directory);
  }
}
