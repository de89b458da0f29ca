#include "hykal/gap/gap_fit.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/frame_response.hpp"
#include "hykal/gap/libatoms_random.hpp"
#include "hykal/gap/sparse_selection.hpp"
#include "hykal/gap/training_signature.hpp"
#include "hykal/io/periodic_table.hpp"
#include "hykal/parallel/blacs_grid.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "hykal/parallel/grid_copy.hpp"
#include "hykal/parallel/qr_factorisation.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace hykal::gap {

namespace {

// The authors' gap_fit command line gives the isolated atoms (their e0 references, one-atom
// frames) their own config type with σ_E = 1e-4 eV/atom (config_type_sigma) and one SOAP sparse
// point each (config_type_n_sparse, sparse_selection.hpp).
constexpr double isolated_atom_sigma_energy = 1e-4;  // eV/atom

std::vector<int> species_of(const std::vector<io::Frame>& local_frames, MPI_Comm comm) {
  std::vector<int> present(static_cast<std::size_t>(io::max_atomic_number) + 1, 0);
  for (const io::Frame& frame : local_frames) {
    for (int z : frame.atomic_numbers) present[static_cast<std::size_t>(z)] = 1;
  }
  MPI_Allreduce(MPI_IN_PLACE, present.data(), static_cast<int>(present.size()), MPI_INT, MPI_MAX, comm);
  std::vector<int> species;
  for (int z = 1; z <= io::max_atomic_number; ++z) {
    if (present[static_cast<std::size_t>(z)]) species.push_back(z);
  }
  if (species.empty()) throw InputError("gap: no training atoms");
  return species;
}

// What each frame contributes to the fit.
struct FrameRows {
  bool energy = false;
  bool forces = false;
  bool virial = false;
  int count(int n_atoms) const { return (energy ? 1 : 0) + (forces ? 3 * n_atoms : 0) + (virial ? virial_components : 0); }
};

FrameRows rows_of(const io::Frame& frame, const FitSettings& settings) {
  return FrameRows{frame.energy.has_value(), settings.sigma_force && frame.has_forces(),
                   settings.sigma_virial && frame.virial.has_value()};
}

// Column layout: sparse points of term t, channel c start at first_column[t][c].
struct Columns {
  std::vector<std::vector<int>> first_column;
  int total = 0;
};

Columns column_layout(const GapModel& model) {
  Columns columns;
  for (const TrainedTerm& term : model.terms) {
    columns.first_column.emplace_back();
    for (const Eigen::MatrixXd& points : term.sparse_points) {
      columns.first_column.back().push_back(columns.total);
      columns.total += static_cast<int>(points.rows());
    }
  }
  return columns;
}

// Lᵀ of K_MM + jitter·I = L Lᵀ, block diagonal over terms and channels (M × M).
Eigen::MatrixXd regularisation_rows(const GapModel& model, const std::vector<BuiltTerm>& built, const Columns& columns,
                                    double jitter) {
  Eigen::MatrixXd rows = Eigen::MatrixXd::Zero(columns.total, columns.total);
  for (std::size_t t = 0; t < model.terms.size(); ++t) {
    const TrainedTerm& term = model.terms[t];
    const double delta_squared = term.settings.delta * term.settings.delta;
    for (std::size_t c = 0; c < term.sparse_points.size(); ++c) {
      const Eigen::MatrixXd& points = term.sparse_points[c];
      const auto m = points.rows();
      Eigen::MatrixXd kmm(m, m);
      for (Eigen::Index j = 0; j < m; ++j) {
        kmm.col(j) = delta_squared * built[t].covariance->values(points.row(j).transpose(), points);
      }
      kmm.diagonal().array() += jitter;
      const Eigen::LLT<Eigen::MatrixXd> cholesky(kmm);
      if (cholesky.info() != Eigen::Success) {
        throw InputError("gap: K_MM of the " + term.settings.descriptor + " channel " +
                         built[t].descriptor->channel_name(static_cast<int>(c)) +
                         " is not positive definite (duplicate sparse points?); raise gap.sparse_jitter");
      }
      const int first = columns.first_column[t][c];
      rows.block(first, first, m, m) = cholesky.matrixU();
    }
  }
  return rows;
}

// This rank's share of the rows of Lᵀ: [first, first + count).
std::pair<int, int> regularisation_share(int n_columns, int rank, int size) {
  const int share = (n_columns + size - 1) / size;
  const int first = std::min(n_columns, rank * share);
  return {first, std::min(n_columns, first + share) - first};
}

int local_row_count(const std::vector<io::Frame>& local_frames, const FitSettings& settings, int n_columns, int rank,
                    int size) {
  int n_rows = regularisation_share(n_columns, rank, size).second;
  for (const io::Frame& frame : local_frames) n_rows += rows_of(frame, settings).count(static_cast<int>(frame.n_atoms()));
  return n_rows;
}

// Writes this rank's rows of the stacked system into a and b (observations of its frames, then
// its share of Lᵀ); rows beyond them stay zero.
void fill_local_rows(const std::vector<io::Frame>& local_frames, const GapModel& model,
                     const std::vector<BuiltTerm>& built, const Columns& columns, const FitSettings& settings,
                     const Eigen::MatrixXd& regularisation, int rank, int size, Eigen::Ref<Eigen::MatrixXd> a,
                     Eigen::Ref<Eigen::VectorXd> b, const FitProgress& progress) {
  int row = 0;
  long long done = 0;
  for (const io::Frame& frame : local_frames) {
    const FrameRows wanted = rows_of(frame, settings);
    const int n_atoms = static_cast<int>(frame.n_atoms());
    FrameResponse response(n_atoms, columns.total, wanted.forces, wanted.virial);
    const bool with_gradients = wanted.forces || wanted.virial;
    for (std::size_t t = 0; t < built.size(); ++t) {
      const TrainedTerm& term = model.terms[t];
      const double delta_squared = term.settings.delta * term.settings.delta;
      const Covariance& covariance = *built[t].covariance;
      built[t].descriptor->for_each_environment(frame, with_gradients, [&](const Environment& environment) {
        const auto c = static_cast<std::size_t>(environment.channel);
        const Eigen::MatrixXd& points = term.sparse_points[c];
        const Eigen::MatrixXd gradients = with_gradients ? covariance.gradients(environment.q, points) : Eigen::MatrixXd();
        add_environment(environment, delta_squared, covariance.values(environment.q, points), gradients,
                        columns.first_column[t][c], response);
      });
    }
    if (wanted.energy) {
      double e0_sum = 0.0;
      for (int z : frame.atomic_numbers) e0_sum += model.e0.at(z);
      const double sigma =
          n_atoms == 1 ? isolated_atom_sigma_energy : settings.sigma_energy * std::sqrt(static_cast<double>(n_atoms));
      a.row(row) = response.energy / sigma;
      b[row++] = (*frame.energy - e0_sum) / sigma;
    }
    if (wanted.forces) {
      const double sigma = *settings.sigma_force;
      a.middleRows(row, 3 * n_atoms) = response.forces / sigma;
      for (int i = 0; i < 3 * n_atoms; ++i) b[row++] = frame.forces(i / 3, i % 3) / sigma;
    }
    if (wanted.virial) {
      const double sigma = *settings.sigma_virial * std::sqrt(static_cast<double>(n_atoms));
      a.middleRows(row, virial_components) = response.virial / sigma;
      const Eigen::Matrix3d& w = *frame.virial;
      for (int v = 0; v < virial_components; ++v) {
        b[row++] = 0.5 * (w(voigt_row[v], voigt_col[v]) + w(voigt_col[v], voigt_row[v])) / sigma;
      }
    }
    if (progress) progress(++done, static_cast<long long>(local_frames.size()));
  }
  const auto [first, count] = regularisation_share(columns.total, rank, size);
  a.middleRows(row, count) = regularisation.middleRows(first, count);
}

// α from the stacked system (see the header): each rank's rows are its local rows of a P × 1
// grid, redistributed onto a near-square grid for the QR factorisation. α on every rank. The
// P × 1 grid has blocks of block_size rows, so a rank's rows sit in the global matrix in
// block-cyclic order, interleaved with the other ranks' — which a least-squares solution does
// not notice — and no block spans a rank's whole share (pdgemr2d's buffers would span it too).
Eigen::VectorXd solve_stacked(const std::vector<io::Frame>& local_frames, const GapModel& model,
                              const std::vector<BuiltTerm>& built, const Columns& columns, const FitSettings& settings,
                              MPI_Comm comm, const FitProgress& progress) {
  int rank = 0;
  int size = 0;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const Eigen::MatrixXd regularisation = regularisation_rows(model, built, columns, settings.sparse_jitter);
  int longest = std::max(1, local_row_count(local_frames, settings, columns.total, rank, size));
  MPI_Allreduce(MPI_IN_PLACE, &longest, 1, MPI_INT, MPI_MAX, comm);
  longest = (longest + settings.block_size - 1) / settings.block_size * settings.block_size;
  const int total_rows = longest * size;

  const parallel::BlacsGrid grid(comm);
  parallel::DistributedMatrix a(grid, total_rows, columns.total, settings.block_size);
  parallel::DistributedMatrix b(grid, total_rows, 1, settings.block_size);
  {
    const parallel::BlacsGrid row_blocks(comm, parallel::GridShape{size, 1});
    parallel::DistributedMatrix a_blocks(row_blocks, total_rows, columns.total, settings.block_size);
    parallel::DistributedMatrix b_blocks(row_blocks, total_rows, 1, settings.block_size);
    Eigen::Map<Eigen::MatrixXd, 0, Eigen::OuterStride<>> a_local(a_blocks.data(), longest, columns.total,
                                                                   Eigen::OuterStride<>(a_blocks.leading_dimension()));
    Eigen::Map<Eigen::VectorXd> b_local(b_blocks.data(), longest);
    parallel::agree_on_input_errors(comm, [&] {
      fill_local_rows(local_frames, model, built, columns, settings, regularisation, rank, size, a_local, b_local,
                      progress);
    });
    parallel::copy_across_grids(a_blocks, a);
    parallel::copy_across_grids(b_blocks, b);
  }
  const parallel::QrFactorisation qr(std::move(a));
  // The Cholesky factor of K_MM + jitter (regularisation_rows) gives the stacked matrix full
  // column rank, so its QR solution is backward stable however ill-conditioned K_MM is (dense
  // two-body sparse points with a long θ, as the BO search space proposes): gap_fit solves such
  // systems and so do we. A rank test against ε · rows · max |R_ii| would refuse them; only a
  // zero or non-finite pivot makes the system singular.
  const Eigen::VectorXd diagonal = qr.r_diagonal_magnitudes();
  if (!(diagonal.minCoeff() > 0.0) || !diagonal.allFinite()) {
    throw InputError("gap: the least-squares system is singular (|R_ii| from " + std::to_string(diagonal.minCoeff()) +
                     " to " + std::to_string(diagonal.maxCoeff()) +
                     "): duplicated training frames with gap.sparse_jitter = 0, or non-finite observations; "
                     "raise gap.sparse_jitter or lower *_n_sparse");
  }
  Eigen::VectorXd alpha = qr.solve(b);
  if (!alpha.allFinite()) {
    throw InputError("gap: the least-squares solution is not finite (|R_ii| from " + std::to_string(diagonal.minCoeff()) +
                     " to " + std::to_string(diagonal.maxCoeff()) + "); raise gap.sparse_jitter or lower *_n_sparse");
  }
  return alpha;
}

}  // namespace

void check_fit_settings(const FitSettings& settings) {
  auto positive = [](double value, const std::string& key) {
    if (!(value > 0.0) || !std::isfinite(value)) throw InputError(key + ": must be positive, got " + std::to_string(value));
  };
  positive(settings.sigma_energy, "gap.sigma_energy");
  if (settings.sigma_force) positive(*settings.sigma_force, "gap.sigma_force");
  if (settings.sigma_virial) positive(*settings.sigma_virial, "gap.sigma_virial");
  if (!(settings.sparse_jitter >= 0.0)) throw InputError("gap.sparse_jitter: must not be negative");
  if (settings.seed < 1 || settings.seed >= static_cast<std::uint64_t>(libatoms_random_modulus)) {
    throw InputError("gap.seed: must be in 1 … " + std::to_string(libatoms_random_modulus - 1) +
                     " (gap_fit's rnd_seed, whose generator draws the CUR numbers), got " + std::to_string(settings.seed));
  }
  if (settings.terms.empty()) throw InputError("gap: no descriptor term to fit (set a positive *_n_sparse)");
  for (const TermSettings& term : settings.terms) {
    if (!(term.delta > 0.0)) throw InputError("gap." + term.descriptor + "_delta: must be positive");
    if (term.n_sparse < 1)
      throw InputError("gap." + term.descriptor + "_n_sparse: must be at least 1, got " + std::to_string(term.n_sparse));
    build_term(term, {1});  // the placeholder species: the values are checked, not the data
  }
}

GapModel model_record(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                      MPI_Comm comm) {
  check_fit_settings(settings);
  GapModel model;
  model.species = species_of(local_frames, comm);
  model.e0 = determine_e0(local_frames, model.species, settings.e0, comm);
  model.e0_method = settings.e0.method;
  model.training = training_signature(local_frames, first_frame, comm);
  model.fit_values = {{"sigma_energy", settings.sigma_energy},
                      {"sigma_force", settings.sigma_force.value_or(0.0)},
                      {"sigma_virial", settings.sigma_virial.value_or(0.0)},
                      {"sparse_jitter", settings.sparse_jitter},
                      {"seed", static_cast<double>(settings.seed)}};
  if (settings.sigma_force && model.training.n_force_components == 0) {
    throw InputError("gap.sigma_force is set but no training frame has forces (gap.sigma_force = none fits without them)");
  }
  return model;
}

GapModel fit_gap(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                 MPI_Comm comm, const FitProgress& progress) {
  GapModel model = model_record(local_frames, first_frame, settings, comm);
  std::vector<BuiltTerm> built;
  for (const TermSettings& term : settings.terms) built.push_back(build_term(term, model.species));
  // Every rank visits its frames once before the collective steps, so that a bad frame (e.g. a
  // cell of zero volume) stops every rank with the same message instead of a hang.
  parallel::agree_on_input_errors(comm, [&] {
    for (const io::Frame& frame : local_frames) {
      for (const BuiltTerm& term : built) term.descriptor->for_each_environment(frame, false, [](const Environment&) {});
    }
  });
  for (std::size_t t = 0; t < built.size(); ++t) {
    TrainedTerm trained{settings.terms[t], {}, {}};
    trained.sparse_points =
        select_sparse_points(local_frames, first_frame, settings.terms[t], built[t], static_cast<std::int64_t>(settings.seed), comm);
    model.terms.push_back(std::move(trained));
  }
  const Columns columns = column_layout(model);
  const Eigen::VectorXd alpha = solve_stacked(local_frames, model, built, columns, settings, comm, progress);
  for (std::size_t t = 0; t < model.terms.size(); ++t) {
    TrainedTerm& term = model.terms[t];
    for (std::size_t c = 0; c < term.sparse_points.size(); ++c) {
      term.coefficients.push_back(alpha.segment(columns.first_column[t][c], term.sparse_points[c].rows()));
    }
  }
  return model;
}

FitSize fit_size(const std::vector<io::Frame>& local_frames, const FitSettings& settings, MPI_Comm comm) {
  check_fit_settings(settings);
  const std::vector<int> species = species_of(local_frames, comm);
  FitSize size;
  std::int64_t isolated_atoms = 0;
  for (const io::Frame& frame : local_frames) {
    size.rows += rows_of(frame, settings).count(static_cast<int>(frame.n_atoms()));
    size.max_atoms = std::max<std::int64_t>(size.max_atoms, static_cast<std::int64_t>(frame.n_atoms()));
    isolated_atoms += frame.n_atoms() == 1 ? 1 : 0;
  }
  MPI_Allreduce(MPI_IN_PLACE, &size.rows, 1, MPI_INT64_T, MPI_SUM, comm);
  MPI_Allreduce(MPI_IN_PLACE, &size.max_atoms, 1, MPI_INT64_T, MPI_MAX, comm);
  MPI_Allreduce(MPI_IN_PLACE, &isolated_atoms, 1, MPI_INT64_T, MPI_SUM, comm);
  for (const TermSettings& term : settings.terms) {
    size.columns += static_cast<std::int64_t>(term.n_sparse) * build_term(term, species).descriptor->channel_count();
    if (term.sparse_method == "cur") size.columns += isolated_atoms;  // their own sparse points
  }
  return size;
}

std::int64_t fit_memory_per_rank(std::int64_t rows, std::int64_t columns, int ranks, std::int64_t max_atoms) {
  const std::int64_t rows_per_rank = (rows + columns + ranks - 1) / ranks;
  return 8 * (2 * rows_per_rank * columns + 3 * columns * columns + 3 * max_atoms * columns +
              2 * parallel::default_copy_tile_elements);
}

}  // namespace hykal::gap
