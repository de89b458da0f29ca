#include "hykal/kernels/kernel_forms.hpp"

#include "hykal/error.hpp"

namespace hykal::kernels {
namespace {

PairwiseMetric soap_metric(const SoapKernelSettings& settings) {
  return {MetricType::polynomial, settings.gamma, settings.degree, settings.coef0};
}

PairwiseMetric coulomb_metric(const CoulombKernelSettings& settings) {
  return {MetricType::laplacian, settings.gamma, 1, 0.0};
}

}  // namespace

PairwiseMetric soap_metric(const SoapKernelSettings& settings, int n_features) {
  return resolved(soap_metric(settings), n_features);
}

PairwiseMetric coulomb_metric(const CoulombKernelSettings& settings, int n_features) {
  return resolved(coulomb_metric(settings), n_features);
}

SoapKernelForm parse_soap_kernel_form(const std::string& name) {
  if (name == "average-pairwise") return SoapKernelForm::average_pairwise;
  if (name == "mean-descriptor") return SoapKernelForm::mean_descriptor;
  throw SettingError("SOAP kernel form", "unknown form '" + name + "' (average-pairwise | mean-descriptor)");
}

CoulombKernelForm parse_coulomb_kernel_form(const std::string& name) {
  if (name == "rows") return CoulombKernelForm::rows;
  if (name == "global") return CoulombKernelForm::global;
  throw SettingError("Coulomb kernel form", "unknown form '" + name + "' (rows | global)");
}

SoapProjection parse_soap_projection(const std::string& name) {
  if (name == "exact") return SoapProjection::exact;
  if (name == "off") return SoapProjection::off;
  throw SettingError("SOAP projection", "unknown value '" + name + "' (exact | off)");
}

void check(const SoapKernelSettings& settings) { check(soap_metric(settings)); }
void check(const CoulombKernelSettings& settings) { check(coulomb_metric(settings)); }

}  // namespace hykal::kernels
