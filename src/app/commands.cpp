#include "hykal/app/commands.hpp"

namespace hykal::app {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"info", "read the data set; print frames, atoms, species, energy range, labels, distribution", run_info},
      {"descriptors", "SOAP and Coulomb descriptors of every frame; writes /frames and /descriptors", run_descriptors},
      {"kernels", "descriptors and the normalised SOAP and Coulomb kernels; writes /frames, /descriptors, /kernels", run_kernels},
      {"cluster", "descriptors, kernels, δ scan of spectral clustering with automatic N_c, MDS map, figures", run_cluster},
      {"learn", "active learning of a GAP potential on the chosen clustering (computed, or reused from output.results); --resume continues", run_learn},
      {"run", "the main job: descriptors → kernels → clustering → active learning, reusing stored stages; --resume continues", run_learn},
      {"fit", "one GAP fit ([gap]) to the frames of fit.train; writes the model file fit.model, prints RMSEs on fit.train and fit.test", run_fit},
      {"predict", "a GAP model (predict.model) applied to data.files; writes predict.output (extended XYZ with gap_energy, gap_forces, gap_virial), RMSEs, parity plots", run_predict},
  };
  return all;
}

const Command* find_command(const std::string& name) {
  for (const Command& command : commands())
    if (command.name == name) return &command;
  return nullptr;
}

}  // namespace hykal::app
