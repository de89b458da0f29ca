// The built-in GAP fit on AsTe3_mkcamlip (issue 8, "Done when"): fits two-body + SOAP with the
// authors' converged hyperparameters (METHOD.md §7), which are the defaults of gap::GapSettings,
// with soap_n_sparse CUR sparse points per central species, on the first n_train bulk
// frames of train.xyz (plus the isolated atoms), then predicts valid.xyz and prints the
// validation RMSEs beside the authors' gap_fit potential (1.96 meV/atom, 0.17 eV/Å), the fit's
// wall time and the peak resident memory per rank.
//
// usage: mpiexec -n P gap_fit_bench [data_dir] [n_train (97)] [soap_n_sparse per species (900)]
#include "hykal/gap/gap_fit.hpp"
#include "hykal/gap/gap_predictor.hpp"
#include "hykal/gap/gap_settings.hpp"
#include "hykal/gap/prediction_errors.hpp"
#include "hykal/io/frame_distribution.hpp"

#include <mpi.h>
#include <sys/resource.h>

#include <cstdio>
#include <string>

using namespace hykal;

namespace {

gap::FitSettings authors_settings(int soap_n_sparse) {
  gap::GapSettings settings;
  settings.soap_n_sparse = soap_n_sparse;
  return gap::fit_settings(settings);
}

// The isolated atoms and the first n_train bulk frames of this rank, renumbered globally.
std::pair<std::vector<io::Frame>, std::int64_t> training_frames(const io::LocalFrames& data, int n_train, MPI_Comm comm) {
  std::vector<io::Frame> kept;
  for (std::size_t f = 0; f < data.frames.size(); ++f) {
    const io::Frame& frame = data.frames[f];
    if (frame.n_atoms() == 1 || data.global_frame(f) < n_train) kept.push_back(frame);  // isolated atoms are last
  }
  long long count = static_cast<long long>(kept.size());
  long long first = 0;
  MPI_Exscan(&count, &first, 1, MPI_LONG_LONG, MPI_SUM, comm);
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return {kept, rank == 0 ? 0 : first};
}

double peak_memory_gb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  const std::string data_dir = std::string(argc > 1 ? argv[1] : HYKAL_BENCH_DATA_DIR) + "/AsTe3_mkcamlip/";
  const int n_train = argc > 2 ? std::stoi(argv[2]) : 97;
  const int soap_n_sparse = argc > 3 ? std::stoi(argv[3]) : 900;
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  const io::LocalFrames train = io::read_distributed({data_dir + "train.xyz"}, {}, MPI_COMM_WORLD);
  const auto [frames, first] = training_frames(train, n_train, MPI_COMM_WORLD);
  MPI_Barrier(MPI_COMM_WORLD);
  const double start = MPI_Wtime();
  const gap::GapModel model =
      gap::fit_gap(frames, first, authors_settings(soap_n_sparse), MPI_COMM_WORLD, [&](long long done, long long total) {
        if (rank == 0 && (done % 10 == 0 || done == total)) {
          std::printf("  rank 0: rows of %lld / %lld frames, %.0f s\n", done, total, MPI_Wtime() - start);
          std::fflush(stdout);
        }
      });
  const double fit_seconds = MPI_Wtime() - start;
  double memory = peak_memory_gb();
  MPI_Allreduce(MPI_IN_PLACE, &memory, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);

  const io::LocalFrames valid = io::read_distributed({data_dir + "valid.xyz"}, {}, MPI_COMM_WORLD);
  const gap::GapPredictor predictor(model);
  gap::PredictionErrors errors;
  const double predict_start = MPI_Wtime();
  long long atoms = 0;
  for (const io::Frame& frame : valid.frames) {
    if (frame.n_atoms() == 1) continue;
    atoms += static_cast<long long>(frame.n_atoms());
    errors.add(frame, predictor.predict(frame));
  }
  double predict_seconds = MPI_Wtime() - predict_start;
  errors = errors.summed(MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, &atoms, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, &predict_seconds, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  if (rank == 0) {
    std::printf("AsTe3 built-in GAP: %d ranks, %lld training frames, %d + %d SOAP sparse points per species\n", size,
                static_cast<long long>(model.training.n_frames), soap_n_sparse, 20);
    long long columns = 0;
    for (const gap::TrainedTerm& term : model.terms)
      for (const Eigen::MatrixXd& points : term.sparse_points) columns += points.rows();
    const gap::TrainingSignature& t = model.training;
    const long long rows = t.n_energies + t.n_force_components + t.n_virial_components;
    std::printf("fit: %.1f s wall, peak resident memory %.2f GB per rank (max); estimate of the large arrays "
                "for %lld rows x %lld columns: %.2f GB per rank\n",
                fit_seconds, memory, rows, columns, 1e-9 * static_cast<double>(gap::fit_memory_per_rank(rows, columns, size, 240)));
    std::printf("prediction: %.2f ms per atom per rank\n", 1000.0 * predict_seconds * size / static_cast<double>(atoms));
    std::printf("validation RMSE: E %.2f meV/atom, F %.3f eV/Å, V %.2f meV/atom   (authors' gap_fit: 1.96 meV/atom, 0.17 eV/Å)\n",
                errors.energy_mev_per_atom().value_or(0.0), errors.force_ev_per_angstrom().value_or(0.0),
                errors.virial_mev_per_atom().value_or(0.0));
  }
  MPI_Finalize();
  return 0;
}
