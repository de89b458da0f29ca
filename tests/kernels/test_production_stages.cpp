// The production hand-offs between the distributed stages, called as the commands call them —
// descriptors::compute_local_descriptors, kernels::select_clustered_frames,
// kernels::FrameKernelInputs filled by the descriptor stage, its SOAP kernel (every SOAP form)
// and Coulomb kernel (FrameLayout and redistribute_frame_rows inside) — at every rank count and
// on each half of a split world,
// against a serial reference computed here from the same frames: SoapCalculator and
// CoulombMatrix frame by frame, and the kernels of METHOD.md §2 written out as dense sums.
// The data set: five 96-atom frames of the bundled SiO2 example and two one-atom frames between
// them (isolated-atom references: read and described, never clustered), so the atom-balanced
// split leaves some ranks with one frame or only an isolated atom.
#include "../io/scratch_dir.hpp"
#include "../parallel/world_halves.hpp"
#include "hykal/descriptors/local_descriptors.hpp"
#include "hykal/descriptors/soap_calculator.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/extxyz_writer.hpp"
#include "hykal/kernels/clustered_frames.hpp"
#include "hykal/kernels/frame_kernels.hpp"
#include "hykal/kernels/frame_layout.hpp"
#include "hykal/kernels/kernel_redistribution.hpp"
#include "kernel_test_support.hpp"
#include "mpi_ranks.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <limits>

using namespace hykal;

namespace {

// The world and the half of it this rank is in (tests/parallel/world_halves.hpp).
struct Communicators {
  test::WorldHalf half;
  std::vector<MPI_Comm> all() const { return {MPI_COMM_WORLD, half.comm()}; }
};

// Frames 0, 50, 100, 150, 199 of the example, with one-atom copies (the first atom, −100 eV)
// after the first and the third.
std::vector<io::Frame> test_frames() {
  const auto all = io::read_extxyz(test::source_dir() + "/inputs/example/sio2_meltquench.xyz");
  std::vector<io::Frame> frames;
  for (int f : {0, 50, 100, 150, 199}) {
    frames.push_back(all[static_cast<std::size_t>(f)]);
    if (f == 0 || f == 100) {
      io::Frame single = all[static_cast<std::size_t>(f)];
      single.atomic_numbers.resize(1);
      single.positions = single.positions.topRows(1).eval();
      single.forces = single.forces.topRows(1).eval();
      single.energy = -100.0;
      frames.push_back(single);
    }
  }
  return frames;
}

descriptors::SoapSettings soap_settings() {
  descriptors::SoapSettings settings;
  settings.n_max = 3;
  settings.l_max = 2;
  settings.r_cut = 4.0;
  settings.species = {8, 14};
  return descriptors::validated(settings);
}

constexpr int n_atoms_max = 96;

// METHOD.md §2, serially: K(A, B) = mean over row pairs of k, then K / sqrt(K_AA K_BB) ≤ 1.
template <class Pairwise>
Eigen::MatrixXd serial_average_kernel(const std::vector<Eigen::MatrixXd>& rows, Pairwise k) {
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd raw(n, n);
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b) {
      const auto& x = rows[static_cast<std::size_t>(a)];
      const auto& y = rows[static_cast<std::size_t>(b)];
      double sum = 0.0;
      for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < y.rows(); ++j) sum += k(x.row(i), y.row(j));
      raw(a, b) = sum / static_cast<double>(x.rows() * y.rows());
    }
  Eigen::MatrixXd normalised(n, n);
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b) normalised(a, b) = std::min(1.0, raw(a, b) / std::sqrt(raw(a, a) * raw(b, b)));
  return normalised;
}

struct SerialReference {
  std::vector<Eigen::MatrixXd> soap_atoms;  // per frame, n_atoms × p
  std::vector<Eigen::VectorXd> coulomb;     // per frame, n_atoms_max², permutation none
  std::vector<std::int64_t> clustered;      // frames with more than one atom
  Eigen::MatrixXd soap_kernel, soap_mean_kernel, coulomb_kernel;
};

SerialReference serial_reference(const std::vector<io::Frame>& frames) {
  SerialReference reference;
  const descriptors::SoapCalculator soap(soap_settings());
  const descriptors::CoulombMatrix coulomb({descriptors::CoulombPermutation::none, n_atoms_max});
  std::vector<Eigen::MatrixXd> soap_rows, coulomb_rows;
  for (std::size_t f = 0; f < frames.size(); ++f) {
    reference.soap_atoms.push_back(soap.per_atom(frames[f]));
    reference.coulomb.push_back(coulomb.compute(frames[f]));
    if (frames[f].n_atoms() == 1) continue;
    reference.clustered.push_back(static_cast<std::int64_t>(f));
    soap_rows.push_back(reference.soap_atoms.back());
    // The zero-padded matrix's rows (row-major flattening, as CoulombMatrix::compute gives it).
    coulomb_rows.push_back(Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        reference.coulomb.back().data(), n_atoms_max, n_atoms_max));
  }
  const double gamma_soap = 1.0 / static_cast<double>(soap_rows.front().cols());
  reference.soap_kernel = serial_average_kernel(soap_rows, [&](const auto& x, const auto& y) {
    return std::pow(gamma_soap * x.dot(y) + 1.0, 4);
  });
  // Mean-descriptor form (METHOD.md Eq. 9): one row per frame, the mean of its atoms' rows.
  std::vector<Eigen::MatrixXd> mean_rows;
  for (const auto& rows : soap_rows) mean_rows.push_back(rows.colwise().mean());
  reference.soap_mean_kernel = serial_average_kernel(mean_rows, [&](const auto& x, const auto& y) {
    return std::pow(gamma_soap * x.dot(y) + 1.0, 4);
  });
  reference.coulomb_kernel = serial_average_kernel(coulomb_rows, [&](const auto& x, const auto& y) {
    return std::exp(-(x - y).cwiseAbs().sum() / n_atoms_max);
  });
  return reference;
}

double max_difference(const parallel::DistributedMatrix& kernel, const Eigen::MatrixXd& reference) {
  double worst = 0.0;
  kernel.for_each_local([&](int i, int j, double value) { worst = std::max(worst, std::abs(value - reference(i, j))); });
  MPI_Allreduce(MPI_IN_PLACE, &worst, 1, MPI_DOUBLE, MPI_MAX, kernel.grid().comm());
  return worst;
}

}  // namespace

TEST_CASE("production descriptor and kernel stages equal a serial computation, on the world and a split world",
          "[kernels][descriptors][parallel]") {
  const std::vector<io::Frame> frames = test_frames();
  const SerialReference reference = serial_reference(frames);
  REQUIRE(reference.clustered == std::vector<std::int64_t>{0, 2, 3, 5, 6});

  test::ScratchDir scratch;
  const std::string path = scratch.path() + "/frames.xyz";
  if (test::rank_of(MPI_COMM_WORLD) == 0) io::write_extxyz(path, frames);
  MPI_Barrier(MPI_COMM_WORLD);

  const Communicators communicators;
  for (const MPI_Comm comm : communicators.all()) {
    INFO((comm == MPI_COMM_WORLD ? "world" : "half of the world") << " of " << test::size_of(comm) << " ranks");
    const io::LocalFrames data = io::read_distributed({path}, {}, comm);
    const descriptors::CoulombSettings coulomb_settings{descriptors::CoulombPermutation::none, n_atoms_max};
    const descriptors::LocalDescriptors local =
        descriptors::compute_local_descriptors(data.frames, soap_settings(), coulomb_settings, comm);

    // Descriptors: each rank's rows are its own frames', in order, as one rank computes them.
    REQUIRE(local.atom_offsets.size() == data.frames.size() + 1);
    for (std::size_t f = 0; f < data.frames.size(); ++f) {
      const auto global = static_cast<std::size_t>(data.global_frame(f));
      const auto rows = local.soap_atoms.middleRows(local.atom_offsets[f], local.atom_offsets[f + 1] - local.atom_offsets[f]);
      CHECK(rows == reference.soap_atoms[global]);
      CHECK((local.soap_mean.row(static_cast<Eigen::Index>(f)).transpose() - reference.soap_atoms[global].colwise().mean().transpose())
                .cwiseAbs()
                .maxCoeff() < 1e-14);
      CHECK(local.coulomb.row(static_cast<Eigen::Index>(f)).transpose() == reference.coulomb[global]);
    }

    // Clustered frames: the multi-atom ones, in global order, rows numbered across ranks.
    const kernels::ClusteredFrames clustered = kernels::select_clustered_frames(data, true, comm);
    CHECK(clustered.frame_of_row == reference.clustered);

    // Kernels on a grid of this communicator, with small blocks and a small tile so that every
    // rank holds pieces and the ring and the redistribution have work. The kernel inputs are
    // filled by the descriptor stage, which then keeps neither per-atom SOAP nor Coulomb matrices.
    const parallel::BlacsGrid grid(comm);
    const kernels::AverageKernelOptions options{2, 2};
    std::vector<std::int64_t> atoms;
    for (const io::Frame& frame : data.frames) atoms.push_back(static_cast<std::int64_t>(frame.n_atoms()));
    // The exact projection's second pass: the clustered frames' rows once more, counted.
    int passes = 0;
    const kernels::PerAtomRows again = [&](const kernels::FrameRowsVisitor& visit) {
      ++passes;
      const descriptors::SoapCalculator soap(soap_settings());
      std::int64_t k = 0;
      for (std::size_t f = 0; f < data.frames.size(); ++f)
        if (clustered.local[f]) visit(k++, soap.per_atom(data.frames[f]));
    };
    for (const auto form : {kernels::SoapKernelForm::average_pairwise, kernels::SoapKernelForm::mean_descriptor}) {
      for (const auto projection : {kernels::SoapProjection::off, kernels::SoapProjection::exact}) {
        INFO("SOAP form " << static_cast<int>(form) << ", projection " << static_cast<int>(projection));
        kernels::SoapKernelSettings soap_kernel_settings;
        soap_kernel_settings.form = form;
        soap_kernel_settings.projection = projection;
        kernels::FrameKernelInputs inputs(soap_kernel_settings, {}, clustered, atoms);
        const descriptors::LocalDescriptors kept = descriptors::compute_local_descriptors(
            data.frames, soap_settings(), coulomb_settings, comm, {},
            {false, false, [&](std::size_t f, const descriptors::DescriptorMatrix& soap_atoms, const Eigen::VectorXd& coulomb) {
               inputs.add(f, soap_atoms, coulomb);
             }});
        CHECK(kept.soap_atoms.rows() == 0);
        CHECK(kept.coulomb.rows() == 0);
        CHECK(kept.soap_mean == local.soap_mean);
        passes = 0;
        const auto coulomb = inputs.coulomb_kernel(grid, options);
        CHECK(max_difference(coulomb, reference.coulomb_kernel) < 1e-13);
        kernels::ProjectionSummary summary;
        const auto soap = inputs.soap_kernel(again, grid, options, &summary);
        // Only the per-atom form with the exact projection passes over the rows again (these
        // frames are too few for the projection to pay off: one pass, all p columns kept).
        const bool projects = form == kernels::SoapKernelForm::average_pairwise && projection == kernels::SoapProjection::exact;
        CHECK(passes == (projects ? 1 : 0));
        CHECK(summary.rank_kept == summary.n_features);
        if (form == kernels::SoapKernelForm::average_pairwise) CHECK(max_difference(soap, reference.soap_kernel) < 1e-13);
        if (form == kernels::SoapKernelForm::mean_descriptor)
          CHECK(max_difference(soap, reference.soap_mean_kernel) < 1e-13);
      }
    }
  }
}

TEST_CASE("frame layout and the redistribution of frame rows, uneven blocks, world and split world",
          "[kernels][parallel]") {
  const Communicators communicators;
  for (const MPI_Comm comm : communicators.all()) {
    const int rank = test::rank_of(comm), size = test::size_of(comm);
    INFO(size << " ranks");
    // 11 frames in uneven contiguous blocks (rank r gets a share ∝ r + 1, some none), frame f
    // with 1 + f mod 3 feature rows.
    constexpr int n_frames = 11;
    const auto [first, end] = test::uneven_block(n_frames, rank, size);
    std::vector<kernels::FeatureRows> blocks;
    for (int f = first; f < end; ++f) blocks.push_back(kernels::FeatureRows::Constant(1 + f % 3, 2, 1.0));
    kernels::LocalFeatures features;
    features.first_frame = first;
    if (!blocks.empty()) features = kernels::stack_frames(blocks, first);
    const kernels::FrameLayout layout(features, comm);

    REQUIRE(layout.n_frames() == n_frames);
    std::int64_t row = 0;
    for (int f = 0; f < n_frames; ++f) {
      int owner = 0;
      while (test::uneven_block(n_frames, owner, size).second <= f) ++owner;
      CHECK(layout.owner(f) == owner);
      CHECK(layout.row_start(f) == row);
      row += 1 + f % 3;
    }
    CHECK(layout.total_rows() == row);
    // The ring schedule computes every unordered pair of frames exactly once.
    for (int x = 0; x < n_frames; ++x) {
      CHECK(layout.computed_directly(x, x));
      for (int y = 0; y < x; ++y) CHECK(layout.computed_directly(x, y) != layout.computed_directly(y, x));
    }

    // Each rank's frame rows hold 1000 x + y where it computes (x, y) itself and NaN where it
    // does not (never to be read); the block-cyclic result must be K(x, y) = 1000 x + y when
    // (x, y) is computed directly, else 1000 y + x (the symmetric entry, from y's owner).
    std::vector<double> frame_rows;
    for (int x = first; x < end; ++x)
      for (int y = 0; y < n_frames; ++y)
        frame_rows.push_back(layout.computed_directly(x, y) ? 1000.0 * x + y : std::numeric_limits<double>::quiet_NaN());
    const parallel::BlacsGrid grid(comm);
    parallel::DistributedMatrix kernel(grid, n_frames, n_frames, 2);
    kernels::redistribute_frame_rows(frame_rows, layout, kernel);
    long long wrong = 0;
    kernel.for_each_local([&](int x, int y, double value) {
      const double expected = layout.computed_directly(x, y) ? 1000.0 * x + y : 1000.0 * y + x;
      if (value != expected) ++wrong;
    });
    MPI_Allreduce(MPI_IN_PLACE, &wrong, 1, MPI_LONG_LONG, MPI_SUM, comm);
    CHECK(wrong == 0);
  }
}
