#pragma once
// One term of a GAP energy, E = Σ_terms Σ_environments w · δ² Σ_m α_m k(q, x_m) (METHOD.md §7):
// the two-body term and the SOAP term each implement this, and the sparse GP sees only it.
#include "hykal/gap/environment.hpp"
#include "hykal/io/frame.hpp"

#include <functional>
#include <string>

namespace hykal::gap {

class DescriptorTerm {
 public:
  virtual ~DescriptorTerm() = default;

  // Length p of q.
  virtual int dimension() const = 0;
  // Sub-models (species pairs, central species), each with its own sparse points.
  virtual int channel_count() const = 0;
  virtual std::string channel_name(int channel) const = 0;  // e.g. "As-Te", "Te"

  // Calls visit once per environment of the frame, in a fixed order. Without gradients the
  // environments carry no neighbours. The Environment passed is valid only during the call.
  virtual void for_each_environment(const io::Frame& frame, bool with_gradients,
                                    const std::function<void(const Environment&)>& visit) const = 0;
};

}  // namespace hykal::gap
