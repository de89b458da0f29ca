#include "hykal/clustering/label_assignment.hpp"

#include "hykal/clustering/cluster_qr.hpp"
#include "hykal/clustering/kmeans.hpp"
#include "hykal/error.hpp"

namespace hykal::clustering {

LabelAssignment label_assignment_from_name(const std::string& name) {
  if (name == "cluster_qr") return LabelAssignment::cluster_qr;
  if (name == "kmeans") return LabelAssignment::kmeans;
  throw SettingError("label assignment", "unknown method '" + name + "' (expected cluster_qr or kmeans)");
}

std::string label_assignment_name(LabelAssignment method) {
  return method == LabelAssignment::cluster_qr ? "cluster_qr" : "kmeans";
}

std::vector<int> assign_labels(const Eigen::MatrixXd& embedding, LabelAssignment method, std::uint64_t seed) {
  if (method == LabelAssignment::cluster_qr) return cluster_qr(embedding);
  KMeansOptions options;
  options.seed = seed;
  return kmeans(embedding, static_cast<int>(embedding.cols()), options).labels;
}

}  // namespace hykal::clustering
