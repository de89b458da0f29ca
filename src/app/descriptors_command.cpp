// `hykal descriptors`: SOAP and Coulomb descriptors of every frame (METHOD.md §1), into
// /frames and /descriptors of the results file.
#include "hykal/app/commands.hpp"
#include "hykal/app/data_set.hpp"
#include "hykal/app/descriptor_stage.hpp"
#include "hykal/app/results_writer.hpp"

namespace hykal::app {

void run_descriptors(RunContext& context) {
  const io::LocalFrames data = load_data_set(context, false, Outputs::results);
  const descriptors::LocalDescriptors descriptors = compute_descriptors(context, data);

  write_results(context, data, [&](hid_t file) { write_descriptors_group(file, data, descriptors, context.settings.descriptors); });
}

}  // namespace hykal::app
