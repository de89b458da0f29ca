#include "hykal/gap/quip_model.hpp"

#include "hykal/error.hpp"
#include "hykal/gap/private_directory.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/extxyz_writer.hpp"
#include "hykal/parallel/collective_error.hpp"
#include "hykal/parallel/gather_text.hpp"
#include "hykal/parallel/root_work.hpp"

#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

namespace hykal::gap {

namespace {

std::string extxyz_text(const std::vector<io::Frame>& frames) {
  std::ostringstream text;
  for (const io::Frame& frame : frames) io::write_extxyz(text, frame);
  return text.str();
}

// What one rank computes from every rank's frames, with QUIP's programs run in a private directory.
using GatheredWork = std::function<std::string(const std::vector<io::Frame>& frames, const QuipBackendSettings& programs)>;

// Collective over comm: rank 0 gathers the frames (extended XYZ text: exact), parses them back
// in memory and runs `work` on them while the others wait without spinning; its result on every
// rank, InputError on every rank. The parse stays: fit_with_gap_fit checks the frames (species,
// e0, forces) and writes gap_fit's own copy of them (quip_backend.hpp), not this text.
std::string on_gathered_frames(const std::vector<io::Frame>& local_frames, const QuipBackendSettings& programs,
                               MPI_Comm comm, const GatheredWork& work) {
  const std::string frames_text = parallel::gather_text_to_root(extxyz_text(local_frames), comm);
  std::string result;
  parallel::agree_on_input_errors(comm, [&] {
    parallel::run_on_root(comm, 0, [&] {
      const PrivateDirectory directory;
      QuipBackendSettings in_directory = programs;
      in_directory.work_directory = directory.path();
      result = work(io::read_extxyz_text(frames_text, "the gathered training frames"), in_directory);
    });
  });
  return parallel::broadcast_text(result, 0, comm);
}

std::vector<TermSettings> term_settings(const std::vector<TrainedTerm>& terms) {
  std::vector<TermSettings> settings;
  for (const TrainedTerm& term : terms) settings.push_back(term.settings);
  return settings;
}

}  // namespace

GapModel fit_quip_model(const std::vector<io::Frame>& local_frames, std::int64_t first_frame, const FitSettings& settings,
                        const QuipBackendSettings& programs, MPI_Comm comm) {
  GapModel model = model_record(local_frames, first_frame, settings, comm);
  model.backend = "quip";
  for (const TermSettings& term : settings.terms) model.terms.push_back(TrainedTerm{term, {}, {}});
  model.quip_xml = on_gathered_frames(local_frames, programs, comm, [&](const auto& frames, const auto& in_directory) {
    std::ifstream potential(fit_with_gap_fit(frames, settings, in_directory).xml_file);
    return std::string(std::istreambuf_iterator<char>(potential), std::istreambuf_iterator<char>());
  });
  return model;
}

std::string quip_fit_memory_estimate(const std::vector<io::Frame>& local_frames, const FitSettings& settings,
                                     const QuipBackendSettings& programs, MPI_Comm comm) {
  return on_gathered_frames(local_frames, programs, comm, [&](const auto& frames, const auto& in_directory) {
    return gap_fit_memory_estimate(frames, settings, in_directory);
  });
}

std::vector<Prediction> predict_with_quip_model(const GapModel& model, const std::vector<io::Frame>& frames,
                                                const QuipBackendSettings& programs) {
  HYKAL_ASSERT(model.backend == "quip" && !model.quip_xml.empty(), "a model holding gap_fit's potential");
  for (const io::Frame& frame : frames) e0_sum(model, frame);
  if (frames.empty()) return {};
  const PrivateDirectory directory;
  QuipBackendSettings in_directory = programs;
  in_directory.work_directory = directory.path();
  const QuipPotential potential{directory.write_file("gap.xml", model.quip_xml), longest_cutoff(term_settings(model.terms))};
  return predict_with_quip(potential, frames, in_directory);
}

}  // namespace hykal::gap
