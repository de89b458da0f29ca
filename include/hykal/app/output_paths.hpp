#pragma once
// Where a command will write, checked at start, before any frame is read, so that a long run
// never fails at its end on a path it cannot write, and never overwrites its own input.
#include "hykal/app/commands.hpp"

#include <string>
#include <vector>

namespace hykal::app {

enum class Outputs { none, results, results_and_figures, figures };

// Collective: rank 0 checks (one message, naming the key), every rank throws the same
// CollectiveInputError. output.results must not be a directory or one of the data files, and
// its directory must exist and be writable; output.figures must be a directory or creatable.
// Temporary files an interrupted earlier run left beside output.results are reported.
void check_output_paths(RunContext& context, Outputs outputs, const std::vector<std::string>& data_paths);

// Collective, as above, for one more file a command writes (fit.model, predict.output): not
// empty, not a directory, not one of the data files, in an existing writable directory.
void check_output_file(RunContext& context, const std::string& key, const std::string& path,
                       const std::vector<std::string>& data_paths);

}  // namespace hykal::app
