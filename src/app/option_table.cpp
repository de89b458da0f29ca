#include "hykal/app/option_table.hpp"

#include "hykal/learning/gap_search_space.hpp"

namespace hykal::app {

namespace {

// Defaults are the authors' settings (METHOD.md, INTERFACE.md).
std::vector<OptionSpec> all_options() {
  using K = OptionKind;
  std::vector<OptionSpec> table = {
      {"data.files", K::path_list, "", "", "extended XYZ files or glob patterns (space separated, or repeat the key; an existing file is taken as named, \"…\" quotes a path with spaces)", {}},
      {"data.energy_key", K::text, "auto", "", "per-frame key of the total energy (auto: energy, free_energy, dft_energy, REF_energy, …)", {}},
      {"data.forces_key", K::text, "auto", "", "per-atom column of the forces (auto: forces, force)", {}},
      {"data.virial_key", K::text, "auto", "", "per-frame key of the virial (auto: virial, else stress)", {}},
      {"data.label_keys", K::word_list, "", "", "per-frame keys reported and coloured in figures, e.g. temperature (space separated)", {}},
      {"data.isolated_atoms", K::boolean, "true", "", "one-atom frames are e0 references: never clustered, used by the fit", {}},
      {"output.results", K::text, "hykal.h5", "", "HDF5 results file (written as <name>.tmp-… and renamed when complete)", {}},
      {"output.figures", K::text, "hykal-figures", "", "directory for the SVG figures", {}},
      {"soap.r_cut", K::real, "5.5", "Å", "SOAP cutoff radius", {}},
      {"soap.n_max", K::integer, "8", "", "number of radial basis functions", {}},
      {"soap.l_max", K::integer, "8", "", "maximum degree of the spherical harmonics (≤ 20)", {}},
      {"soap.sigma", K::real, "0.5", "Å", "width of the atomic Gaussians", {}},
      {"soap.rbf", K::choice, "polynomial", "", "radial basis, as DScribe", {"polynomial", "gto"}},
      {"soap.species", K::word_list, "auto", "", "elements of the SOAP species blocks, e.g. Si O (auto: every element of the data set)", {}},
      {"soap.periodic", K::boolean, "true", "", "include periodic images along periodic axes", {}},
      {"soap.store_per_atom", K::boolean, "false", "", "store the per-atom SOAP vectors in /descriptors", {}},
      {"coulomb.permutation", K::choice, "none", "", "Coulomb matrix permutation, as DScribe", {"none", "sorted_l2", "eigenspectrum"}},
      {"coulomb.n_atoms_max", K::integer_or_auto, "auto", "", "zero-padding size (auto: largest frame of the data set)", {}},
      {"coulomb.store", K::boolean, "false", "", "store the Coulomb matrices in /descriptors", {}},
      {"kernel.soap_form", K::choice, "average-pairwise", "", "average SOAP kernel form (METHOD.md §2)", {"average-pairwise", "mean-descriptor"}},
      {"kernel.soap_degree", K::integer, "4", "", "degree d of the polynomial SOAP kernel", {}},
      {"kernel.soap_gamma", K::real_or_auto, "auto", "", "γ of the polynomial SOAP kernel (auto: 1/len(p))", {}},
      {"kernel.soap_coef0", K::real, "1", "", "c0 of the polynomial SOAP kernel", {}},
      {"kernel.soap_projection", K::choice, "exact", "", "project the per-atom SOAP rows onto the data set's leading subspace, normalised kernel within 1e-10 (average-pairwise form)", {"exact", "off"}},
      {"kernel.coulomb_form", K::choice, "rows", "", "Coulomb kernel form (METHOD.md §2)", {"rows", "global"}},
      {"kernel.coulomb_gamma", K::real_or_auto, "auto", "", "γ of the Laplacian Coulomb kernel (auto: 1/n_atoms_max)", {}},
      {"clustering.delta", K::text, "scan", "", "hybrid weight δ in [0,1], or scan", {}},
      {"clustering.delta_step", K::real, "0.1", "", "step of the δ scan", {}},
      {"clustering.d_tol", K::real, "1e-4", "", "stop growing N_c when ⟨d⟩ changes by at most this", {}},
      {"clustering.min_clusters", K::integer, "2", "", "smallest number of clusters tried", {}},
      {"clustering.max_clusters", K::integer_or_auto, "auto", "", "largest number of clusters tried (auto: min(N−1, 50))", {}},
      {"clustering.assign_labels", K::choice, "cluster_qr", "", "label assignment on the embedding", {"cluster_qr", "kmeans"}},
      {"clustering.seed", K::integer, "0", "", "seed of k-means", {}},
      {"map.method", K::choice, "classical", "", "MDS of the distance matrix", {"classical", "smacof"}},
      {"parallel.eigensolver", K::choice, "elpa", "", "distributed eigensolver", {"elpa", "scalapack"}},
      {"parallel.block_size", K::integer, "64", "", "block size of the block-cyclic distribution", {}},
      {"parallel.grid", K::text, "auto", "", "process grid ROWSxCOLS (auto: near-square; a shape that does not fit the ranks falls back to near-square)", {}},
      {"learning.i_perc", K::real, "30", "%", "fraction of each cluster taken in the first iteration", {}},
      {"learning.increment", K::real, "10", "%", "fraction added per iteration", {}},
      {"learning.test_fraction", K::real, "0.3", "", "fraction of the taken frames used for testing", {}},
      {"learning.e_tol", K::real, "0.002", "eV/atom", "target test energy RMSE", {}},
      {"learning.seed", K::integer, "0", "", "seed of the sampling", {}},
      {"learning.sampling", K::choice, "clusters", "", "frames drawn per cluster, or the same number drawn uniformly from all frames (results in /learning_random)", {"clusters", "random"}},
      {"gap.backend", K::choice, "builtin", "", "GAP fitting code", {"builtin", "quip"}},
      {"gap.gap_fit", K::text, "gap_fit", "", "QUIP's gap_fit, a path or a name searched on PATH (gap.backend = quip)", {}},
      {"gap.quip", K::text, "quip", "", "QUIP's quip, a path or a name searched on PATH (gap.backend = quip, and predict with a quip model)", {}},
      {"gap.fit_timeout", K::real, "0", "s", "wall-time limit of one fit during active learning, and of each run of QUIP's gap_fit or quip (0: no limit)", {}},
      {"gap.seed", K::integer, "1", "", "seed of the CUR choice of SOAP sparse points (gap_fit's rnd_seed: 1 … 2147483646)", {}},
      {"gap.cutoff", K::real, "4.91", "Å", "cutoff of both descriptors (two-body and SOAP)", {}},
      {"gap.cutoff_transition_width", K::real, "1", "Å", "width of the cosine transition to zero below gap.cutoff", {}},
      {"gap.two_body_delta", K::real, "0.29", "eV", "δ (energy scale) of the two-body term", {}},
      {"gap.two_body_theta", K::real, "1.0", "Å", "length θ of the two-body squared-exponential covariance", {}},
      {"gap.two_body_n_sparse", K::integer, "20", "", "sparse points per species pair, uniform over the distances (0: no two-body term)", {}},
      {"gap.soap_l_max", K::integer, "5", "", "SOAP maximum degree of the spherical harmonics", {}},
      {"gap.soap_n_max", K::integer, "6", "", "SOAP number of radial basis functions", {}},
      {"gap.soap_atom_sigma", K::real, "0.4", "Å", "SOAP width of the atomic Gaussians", {}},
      {"gap.soap_zeta", K::integer, "4", "", "power ζ of the SOAP dot-product covariance", {}},
      {"gap.soap_delta", K::real, "0.29", "eV", "δ (energy scale) of the SOAP term", {}},
      {"gap.soap_n_sparse", K::integer, "1800", "", "SOAP sparse points per central species, chosen by CUR (0: no SOAP term)", {}},
      {"gap.sigma_energy", K::real, "0.001", "eV/atom", "expected error of the energies (scaled by √N_atoms per frame)", {}},
      {"gap.sigma_force", K::text, "0.05", "eV/Å", "expected error of the force components (none: forces not fitted)", {}},
      {"gap.sigma_virial", K::text, "0.05", "eV/atom", "expected error of the virial components (scaled by √N_atoms; none: virials not fitted)", {}},
      {"gap.sparse_jitter", K::real, "1e-12", "eV²", "added to the diagonal of K_MM", {}},
      {"gap.e0", K::text, "isolated", "eV", "per-species reference energy: isolated (one-atom frames), average, or \"El:value El:value …\"", {}},
      {"fit.train", K::path_list, "", "", "training frames of `hykal fit`: extended XYZ files or glob patterns (one-atom frames give e0 = isolated)", {}},
      {"fit.test", K::path_list, "", "", "test frames of `hykal fit` (optional): files or glob patterns", {}},
      {"fit.model", K::text, "gap-model.h5", "", "GAP model file `hykal fit` writes (HDF5; as <name>.partial, renamed when complete)", {}},
      {"predict.model", K::text, "gap-model.h5", "", "GAP model file `hykal predict` applies to the frames of data.files", {}},
      {"predict.output", K::text, "gap-predictions.xyz", "", "extended XYZ `hykal predict` writes: the frames with gap_energy, gap_forces, gap_virial added", {}},
      {"bo.n_initial", K::integer, "30", "", "fits of the space-filling initial design, per active-learning iteration", {}},
      {"bo.n_iterations", K::integer, "20", "", "fits proposed by expected improvement after the initial design, per active-learning iteration", {}},
      {"bo.batch", K::integer, "1", "", "fits run at the same time, each by its own group of ranks (at most the number of ranks)", {}},
      {"bo.seed", K::integer, "0", "", "seed of the Bayesian optimisation (initial design, multi-starts)", {}},
  };
  // One bound pair per searched GAP hyperparameter, from the learning stage's rules.
  for (const learning::GapBoundRule& rule : learning::gap_bound_rules())
    table.push_back({"bo." + rule.name, K::text, rule.default_bounds, rule.unit,
                     rule.description + ": low high [log]", {}});
  return table;
}

}  // namespace

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> table = all_options();
  return table;
}

}  // namespace hykal::app
