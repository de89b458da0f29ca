#pragma once
// Every configuration value as the stages use it: one plain settings struct per stage (the idea
// of SIRIUS's config structs), parsed from the option table in one place and checked before any
// frame is read, so that `--kernel.soap_gamma=abc` fails at start, naming the key. Lower stages
// report an invalid quantity (SettingError); this file maps it to the key the user wrote.
// Values that depend on the data (species = auto, n_atoms_max = auto, max_clusters = auto) are
// resolved by the stage once the frames are known.
#include "hykal/app/configuration.hpp"
#include "hykal/clustering/spectral_clustering.hpp"
#include "hykal/descriptors/coulomb_matrix.hpp"
#include "hykal/descriptors/soap_settings.hpp"
#include "hykal/gap/gap_settings.hpp"
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/kernels/kernel_forms.hpp"
#include "hykal/learning/active_learning.hpp"
#include "hykal/parallel/blacs_grid.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hykal::app {

struct DataSettings {
  std::vector<std::string> patterns;  // data.files: files or glob patterns
  io::ReadOptions read;               // data.energy_key, forces_key, virial_key
  std::vector<std::string> label_keys;
  bool skip_isolated_atoms = true;    // data.isolated_atoms
};

struct OutputSettings {
  std::string results;  // output.results
  std::string figures;  // output.figures
};

struct DescriptorStageSettings {
  descriptors::SoapSettings soap;        // species empty: every element of the data set
  descriptors::CoulombSettings coulomb;  // n_atoms_max 0: the largest frame
  bool store_soap_per_atom = false;
  bool store_coulomb = false;
};

struct KernelStageSettings {
  kernels::SoapKernelSettings soap;        // gamma 0: auto
  kernels::CoulombKernelSettings coulomb;  // gamma 0: auto
  std::string soap_form_name, coulomb_form_name;  // as written, for log lines
};

struct ParallelSettings {
  std::optional<parallel::GridShape> grid;  // none: near-square
  int block_size = 64;
  parallel::EigensolverKind eigensolver = parallel::EigensolverKind::elpa;
};

struct ClusterStageSettings {
  std::vector<double> deltas;
  clustering::SpectralClusteringOptions options;  // max_clusters set once N is known
  std::optional<int> max_clusters;                // none: auto, min(N − 1, 50)
  std::string map_method;
};

// [learning] and [bo]: the active-learning loop (learning/active_learning.hpp). The loop's
// run-time parts (fit timeout, checkpoint path, --resume, signature) are set by the command.
struct LearningStageSettings {
  learning::LoopSettings loop;              // learning.*, bo.n_initial, bo.n_iterations, bo.seed
  int batch = 1;                            // bo.batch (checked against the ranks by the command)
  std::vector<learning::Parameter> search;  // the bo.<name> bounds
};

struct FitCommandSettings {
  std::vector<std::string> train;  // fit.train: files or glob patterns
  std::vector<std::string> test;   // fit.test: optional
  std::string model;               // fit.model
};

struct PredictSettings {
  std::string model;   // predict.model
  std::string output;  // predict.output (extended XYZ)
};

struct StageSettings {
  DataSettings data;
  OutputSettings output;
  DescriptorStageSettings descriptors;
  KernelStageSettings kernels;
  ParallelSettings parallel;
  ClusterStageSettings clustering;
  FitCommandSettings fit;
  PredictSettings predict;
  gap::GapSettings gap;  // [gap], block_size from parallel.block_size; gap::fit_settings() makes the fit's terms
  LearningStageSettings learning;
};

// Every value of the configuration parsed and checked; InputError naming the key otherwise.
StageSettings stage_settings(const Configuration& configuration);

// The clustering options for n_clustered frames: max_clusters resolved (auto: min(N − 1, 50))
// and checked against N; InputError naming the key otherwise.
clustering::SpectralClusteringOptions clustering_options(const ClusterStageSettings& settings, int n_clustered);

}  // namespace hykal::app
