#pragma once
// How spectral clustering turns an embedding into labels (METHOD.md §3, option
// clustering.assign_labels): cluster_qr (deterministic, what the reference uses) or k-means.
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace hykal::clustering {

enum class LabelAssignment { cluster_qr, kmeans };

// "cluster_qr" or "kmeans"; anything else is a SettingError ("label assignment").
LabelAssignment label_assignment_from_name(const std::string& name);
std::string label_assignment_name(LabelAssignment method);

// Labels 0 … k−1 for the rows of an N × k embedding (k = number of clusters); seed only
// matters for k-means.
std::vector<int> assign_labels(const Eigen::MatrixXd& embedding, LabelAssignment method, std::uint64_t seed);

}  // namespace hykal::clustering
