// gap.backend = quip with stand-ins for gap_fit and quip (shell scripts written here) and with
// real quip output: the files the backend hands the programs (what gap_fit and quip would read),
// the potential renamed into place only when it is whole and finite, failures reported with the
// program's own words, and quip's results mapped back to the frames it was given. The real
// quip output is ../shared/data/AsTe3_mkcamlip/gap_predictions/valid_Gap.xyz, the authors'
// GAP evaluated by QUIP on valid.xyz (README there), given back with quip's "AT" prefix.
#include "hykal/error.hpp"
#include "hykal/gap/quip_backend.hpp"
#include "hykal/gap/quip_output.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/extxyz_writer.hpp"

#include "fake_programs.hpp"
#include "gap_test_support.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

using hykal::gap::QuipBackendSettings;
using hykal::io::Frame;

// gap_fit stand-in: keeps what it was given (argument, config, training file), then runs `then`
// with $gp naming the potential file it should write.
std::string fake_gap_fit(const hykal::test::ScratchDirectory& directory, const std::string& then) {
  return hykal::test::write_script(directory, "gap_fit",
                                   "echo \"$@\" > " + directory.file("seen_arguments") + "\n"
                                   "config=${1#config_file=}\n"
                                   "cp \"$config\" " + directory.file("seen.config") + "\n"
                                   "cp \"$(sed -n 's/^at_file=//p' \"$config\")\" " + directory.file("seen_train.xyz") + "\n"
                                   "gp=$(sed -n 's/^gp_file=//p' \"$config\")\n" + then);
}

// quip stand-in: keeps its arguments and input, prints a log line, then `output` prefixed "AT ".
std::string fake_quip(const hykal::test::ScratchDirectory& directory, const std::string& output_file) {
  return hykal::test::write_script(directory, "quip",
                                   "echo \"$@\" > " + directory.file("seen_quip_arguments") + "\n"
                                   "for a in \"$@\"; do case $a in atoms_filename=*) cp \"${a#atoms_filename=}\" " +
                                       directory.file("seen_quip_input.xyz") + ";; esac; done\n"
                                   "echo 'Energy=-1.0 (a log line)'\n"
                                   "sed 's/^/AT /' " + output_file);
}

QuipBackendSettings backend_in(const hykal::test::ScratchDirectory& directory) {
  QuipBackendSettings backend;
  backend.gap_fit = directory.file("gap_fit");
  backend.quip = directory.file("quip");
  backend.timeout_seconds = 30.0;
  backend.work_directory = directory.file("work");
  return backend;
}

// Lennard-Jones training frames with what gap_fit must not see: a second isolated Ar atom, a
// label, and a molecule without a cell.
std::vector<Frame> training_frames() {
  std::vector<Frame> frames = hykal::test::lennard_jones_frames(3, 11);
  frames[1].labels = {{"config_type", "bulk"}, {"temperature", "300"}};
  Frame second_isolated = frames[0];
  second_isolated.energy = 1.0;
  frames.push_back(second_isolated);
  std::mt19937_64 random(5);
  Frame molecule = hykal::test::random_frame(random, 4, 18, Eigen::Matrix3d::Zero(), 5.0, 2.3);
  hykal::test::LennardJones{}.label(molecule);
  frames.push_back(molecule);
  return frames;
}

}  // namespace

TEST_CASE("quip backend: gap_fit gets config_file= and the training copy it can read", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-fit");
  fake_gap_fit(directory, "echo '<GAP_params><alpha>0.5 -1.25e-3</alpha></GAP_params>' > \"$gp\"");
  hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(5);
  settings.sigma_virial.reset();  // virials not fitted: the copy must not carry them
  const QuipBackendSettings backend = backend_in(directory);
  const std::vector<Frame> frames = training_frames();
  const hykal::gap::QuipPotential potential = hykal::gap::fit_with_gap_fit(frames, settings, backend);

  CHECK(potential.xml_file == std::filesystem::absolute(backend.work_directory + "/gap.xml").string());
  CHECK(potential.cutoff == hykal::test::LennardJones{}.cutoff);
  CHECK(hykal::test::read_text(potential.xml_file).find("<alpha>0.5") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(backend.work_directory + "/gap.partial.xml"));
  CHECK(hykal::test::read_text(directory.file("seen_arguments")) ==
        "config_file=" + std::filesystem::absolute(backend.work_directory + "/gap_fit.config").string() + "\n");
  CHECK(hykal::test::read_text(directory.file("seen.config")).find("gap={distance_Nb order=2") != std::string::npos);

  const std::vector<Frame> seen = hykal::io::read_extxyz(directory.file("seen_train.xyz"));
  REQUIRE(seen.size() == frames.size() - 1);  // the second isolated Ar atom is dropped
  for (std::size_t f = 0; f < seen.size(); ++f) {
    const Frame& given = f + 1 < seen.size() ? frames[f] : frames.back();
    INFO("frame " << f);
    CHECK(seen[f].atomic_numbers == given.atomic_numbers);
    CHECK(seen[f].positions == given.positions);
    CHECK(seen[f].energy == given.energy);
    CHECK(seen[f].forces == given.forces);
    CHECK_FALSE(seen[f].virial);
    CHECK(seen[f].labels.count("temperature") == 0);
  }
  CHECK(seen[1].labels.at("config_type") == "bulk");
  // The molecule sits in a non-periodic box whose images stay beyond the cutoff.
  const Frame& molecule = seen.back();
  CHECK(molecule.pbc == std::array<bool, 3>{false, false, false});
  const double extent = (molecule.positions.colwise().maxCoeff() - molecule.positions.colwise().minCoeff()).maxCoeff();
  CHECK(molecule.cell(0, 0) - extent >= 2.0 * hykal::test::LennardJones{}.cutoff);
  CHECK(molecule.cell.isDiagonal());
}

TEST_CASE("quip backend: a failed, non-finite or missing gap_fit leaves the earlier potential", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-fit-fails");
  const QuipBackendSettings backend = backend_in(directory);
  std::filesystem::create_directories(backend.work_directory);
  const std::string earlier = backend.work_directory + "/gap.xml";
  std::ofstream(earlier) << "earlier potential\n";
  const hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(5);

  fake_gap_fit(directory, "echo 'SYSTEM ABORT: Found more than one isolated atom configuration'; exit 1");
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(training_frames(), settings, backend),
                    Catch::Contains("gap.gap_fit") && Catch::Contains("exit status 1") &&
                        Catch::Contains("more than one isolated atom"));
  fake_gap_fit(directory, "echo '<GAP_params><alpha>0.5 NaN</alpha></GAP_params>' > \"$gp\"");
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(training_frames(), settings, backend),
                    Catch::Contains("non-finite") && Catch::Contains("NaN"));
  fake_gap_fit(directory, "echo 'no potential written'");
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(training_frames(), settings, backend),
                    Catch::Contains("wrote no potential"));
  fake_gap_fit(directory, "sleep 60");
  QuipBackendSettings impatient = backend;
  impatient.timeout_seconds = 0.5;
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(training_frames(), settings, impatient),
                    Catch::Contains("gap.fit_timeout"));
  QuipBackendSettings missing = backend;
  missing.gap_fit = directory.file("no/such/gap_fit");
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(training_frames(), settings, missing),
                    Catch::Contains("gap.gap_fit") && Catch::Contains(directory.file("no/such/gap_fit")));
  CHECK(hykal::test::read_text(earlier) == "earlier potential\n");
}

TEST_CASE("quip backend: bad data is reported as the built-in fit reports it, before gap_fit runs", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-fit-data");
  fake_gap_fit(directory, "touch " + directory.file("ran"));
  std::vector<Frame> frames = training_frames();
  frames.erase(frames.begin());
  frames.erase(frames.end() - 2);  // no isolated atom left
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(frames, hykal::test::lennard_jones_fit_settings(5), backend_in(directory)),
                    Catch::Contains("gap.e0") && Catch::Contains("Ar"));
  for (Frame& frame : frames) frame.forces.resize(0, 3);
  hykal::gap::FitSettings settings = hykal::test::lennard_jones_fit_settings(5);
  settings.e0 = hykal::gap::parse_e0("average");
  CHECK_THROWS_WITH(hykal::gap::fit_with_gap_fit(frames, settings, backend_in(directory)),
                    Catch::Contains("gap.sigma_force"));
  CHECK_FALSE(std::filesystem::exists(directory.file("ran")));
}

TEST_CASE("quip backend: quip gets bare frames and its results come back in order", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-predict");
  const std::vector<Frame> frames = training_frames();
  // What quip would write: the frames with made-up results under its key names.
  std::vector<Frame> computed = frames;
  for (std::size_t f = 0; f < computed.size(); ++f) {
    computed[f].energy = -1.5 * static_cast<double>(f);
    computed[f].forces = hykal::io::AtomVectors::Constant(static_cast<Eigen::Index>(frames[f].n_atoms()), 3, 0.25 * f);
    computed[f].virial = Eigen::Matrix3d::Identity() * static_cast<double>(f);
    computed[f].labels.clear();
  }
  std::ostringstream text;
  for (const Frame& frame : computed) hykal::io::write_extxyz(text, frame);
  std::string output = text.str();
  for (std::size_t at = output.find("forces:R:3"); at != std::string::npos; at = output.find("forces:R:3", at))
    output.replace(at, 10, "force:R:3");
  std::ofstream(directory.file("computed.xyz")) << output;
  fake_quip(directory, directory.file("computed.xyz"));

  const QuipBackendSettings backend = backend_in(directory);
  const hykal::gap::QuipPotential potential{directory.file("gap.xml"), 6.0};
  const std::vector<hykal::gap::Prediction> predictions = hykal::gap::predict_with_quip(potential, frames, backend);
  REQUIRE(predictions.size() == frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    CHECK(predictions[f].energy == *computed[f].energy);
    CHECK(predictions[f].forces == computed[f].forces);
    CHECK(predictions[f].virial == *computed[f].virial);
  }
  const std::string arguments = hykal::test::read_text(directory.file("seen_quip_arguments"));
  CHECK(arguments.find("E=T F=T V=T atoms_filename=") == 0);
  CHECK(arguments.find("param_filename=" + potential.xml_file) != std::string::npos);
  const std::vector<Frame> seen = hykal::io::read_extxyz(directory.file("seen_quip_input.xyz"));
  REQUIRE(seen.size() == frames.size());
  for (std::size_t f = 0; f < seen.size(); ++f) {
    CHECK_FALSE(seen[f].energy);
    CHECK_FALSE(seen[f].has_forces());
    CHECK_FALSE(seen[f].virial);
    CHECK(seen[f].labels.empty());
    CHECK(seen[f].positions == frames[f].positions);
  }
}

TEST_CASE("quip backend: NaN from quip, a missing structure or a missing quip is an error", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-predict-fails");
  const std::vector<Frame> frames(1, hykal::test::lennard_jones_frames(0, 1)[0]);  // one isolated Ar atom
  const hykal::gap::QuipPotential potential{directory.file("gap.xml"), 6.0};
  const QuipBackendSettings backend = backend_in(directory);
  std::ofstream(directory.file("nan.xyz"))
      << "1\nLattice=\"13 0 0 0 13 0 0 0 13\" Properties=species:S:1:pos:R:3:force:R:3 energy=NaN "
         "virial=\"0 0 0 0 0 0 0 0 0\" pbc=\"F F F\"\nAr 0 0 0 0 0 0\n";
  fake_quip(directory, directory.file("nan.xyz"));
  CHECK_THROWS_WITH(hykal::gap::predict_with_quip(potential, frames, backend),
                    Catch::Contains("quip_output.xyz") && Catch::Contains("finite"));
  std::ofstream(directory.file("empty.xyz")) << "";
  fake_quip(directory, directory.file("empty.xyz"));
  CHECK_THROWS_WITH(hykal::gap::predict_with_quip(potential, frames, backend),
                    Catch::Contains("0 structures") && Catch::Contains("1 frames"));
  QuipBackendSettings missing = backend;
  missing.quip = "hykal-no-such-quip";
  CHECK_THROWS_WITH(hykal::gap::predict_with_quip(potential, frames, missing),
                    Catch::Contains("gap.quip") && Catch::Contains("hykal-no-such-quip"));
}

TEST_CASE("quip output: real QUIP structures among its log lines, reference keys not taken", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-real-output");
  const std::vector<Frame> reference = hykal::io::read_extxyz(hykal::test::dataset("AsTe3_mkcamlip/valid.xyz"));
  const std::vector<Frame> bulk(reference.begin(), reference.begin() + 43);
  // quip's stdout: log lines, then "AT" before every line of each structure (valid_Gap.xyz is
  // that stream with the "AT" removed, so its lines keep the separating space).
  std::ifstream quip_lines(hykal::test::dataset("AsTe3_mkcamlip/gap_predictions/valid_Gap.xyz"));
  std::ofstream out(directory.file("quip.out"));
  out << "Using param_filename: gap.xml\nEnergy=-50222.86\nCell Volume: 8087.2 A^3\n";
  std::string line;
  for (int n = 0; n < 43 * 242 && std::getline(quip_lines, line); ++n) out << "AT" << line << "\n";
  out.close();
  const std::vector<hykal::gap::Prediction> predictions =
      hykal::gap::read_quip_output(directory.file("quip.out"), directory.file("quip_output.xyz"), bulk);
  REQUIRE(predictions.size() == 43);
  // The first structure of valid_Gap.xyz: QUIP's energy and the force on its first atom.
  CHECK(predictions[0].energy == -50222.860807710080);
  CHECK(predictions[0].forces(0, 0) == 0.00476823);
  CHECK(predictions[0].forces(0, 1) == -0.19899559);
  CHECK(predictions[0].forces(0, 2) == 0.15158293);
  CHECK(*bulk[0].energy == -50221.82234591);  // the DFT reference is a different number
  CHECK(predictions[42].forces.rows() == 240);
  // Frames quip was not given cannot be matched to its output.
  std::vector<Frame> swapped = bulk;
  std::swap(swapped[0].atomic_numbers[0], swapped[0].atomic_numbers[239]);
  if (swapped[0].atomic_numbers == bulk[0].atomic_numbers) std::swap(swapped[0].atomic_numbers[0], swapped[0].atomic_numbers[1]);
  CHECK_THROWS_WITH(hykal::gap::read_quip_output(directory.file("quip.out"), directory.file("quip_output.xyz"), swapped),
                    Catch::Contains("frame 0") && Catch::Contains("atoms differ"));
}

TEST_CASE("quip backend: gap_fit's memory estimate from dryrun=T", "[gap][quip]") {
  const hykal::test::ScratchDirectory directory("hykal-quip-dryrun");
  // gap_fit's memory table ends with Peak1, Peak2 and PEAK lines; 9.8 GB is its AsTe3 figure (issue 8).
  fake_gap_fit(directory, "grep -q '^dryrun=T$' \"$config\" || exit 3\n"
                          "printf 'Memory Estimate (per process)\\nPeak1 3.1 GB\\nPeak2 9.8 GB\\nPEAK  9.8 GB\\n'");
  const QuipBackendSettings backend = backend_in(directory);
  CHECK(hykal::gap::gap_fit_memory_estimate(training_frames(), hykal::test::lennard_jones_fit_settings(5), backend) ==
        "9.8 GB");
  CHECK_FALSE(std::filesystem::exists(backend.work_directory + "/gap.xml"));
  fake_gap_fit(directory, "echo 'Exit before major allocations because dryrun is true.'");
  CHECK_THROWS_WITH(hykal::gap::gap_fit_memory_estimate(training_frames(), hykal::test::lennard_jones_fit_settings(5), backend),
                    Catch::Contains("no memory estimate"));
}
