#pragma once
// The SOAP and Coulomb kernels of METHOD.md §2 by form, as the [kernel] options name them
// (INTERFACE.md): soap_form average-pairwise | mean-descriptor, coulomb_form rows | global, and
// their pairwise metrics. FrameKernelInputs (frame_kernels.hpp) builds the kernels.
#include "hykal/kernels/average_kernel.hpp"
#include "hykal/kernels/local_features.hpp"
#include "hykal/kernels/pairwise_metric.hpp"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace hykal::kernels {

enum class SoapKernelForm { average_pairwise, mean_descriptor };
enum class CoulombKernelForm { rows, global };
// kernel.soap_projection: exact (average-pairwise form only: per-atom rows projected onto the
// leading subspace of the data set, soap_projection.hpp) or off.
enum class SoapProjection { exact, off };

SoapKernelForm parse_soap_kernel_form(const std::string& name);        // SettingError if unknown
CoulombKernelForm parse_coulomb_kernel_form(const std::string& name);  // SettingError if unknown
SoapProjection parse_soap_projection(const std::string& name);          // SettingError if unknown

struct SoapKernelSettings {
  SoapKernelForm form = SoapKernelForm::average_pairwise;  // the authors' default
  double gamma = 0.0;  // ≤ 0: 1 / len(p)
  int degree = 4;
  double coef0 = 1.0;
  SoapProjection projection = SoapProjection::off;
};

struct CoulombKernelSettings {
  CoulombKernelForm form = CoulombKernelForm::rows;  // the authors' default
  double gamma = 0.0;  // ≤ 0: 1 / n_atoms_max (rows), 1 / n_atoms_max² (global)
};

// The pairwise kernels of the settings, γ resolved for rows of n_features values (METHOD.md §2:
// γ = 1 / len(p) for SOAP in both forms, 1 / n_atoms_max or 1 / n_atoms_max² for Coulomb).
PairwiseMetric soap_metric(const SoapKernelSettings& settings, int n_features);
PairwiseMetric coulomb_metric(const CoulombKernelSettings& settings, int n_features);

// SettingError naming the quantity (gamma, degree, coef0) of an invalid setting.
void check(const SoapKernelSettings& settings);
void check(const CoulombKernelSettings& settings);

}  // namespace hykal::kernels
