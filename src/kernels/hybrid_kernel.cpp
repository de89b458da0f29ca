#include "hykal/kernels/hybrid_kernel.hpp"

#include "hykal/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hykal::kernels {

parallel::DistributedMatrix hybrid_kernel(const parallel::DistributedMatrix& soap,
                                          const parallel::DistributedMatrix& coulomb, double delta) {
  if (!(delta >= 0.0 && delta <= 1.0)) {
    throw SettingError("delta", std::to_string(delta) + " is outside [0, 1]");
  }
  HYKAL_ASSERT(&soap.grid() == &coulomb.grid() && soap.rows() == coulomb.rows() && soap.cols() == coulomb.cols() &&
                   soap.row_block() == coulomb.row_block() && soap.col_block() == coulomb.col_block(),
               "hybrid kernel of matrices with different layouts");
  parallel::DistributedMatrix hybrid(soap.grid(), soap.rows(), soap.cols(), soap.row_block(), soap.col_block());
  for (int jl = 0; jl < hybrid.local_cols(); ++jl) {
    for (int il = 0; il < hybrid.local_rows(); ++il) {
      hybrid.local(il, jl) = (1.0 - delta) * soap.local(il, jl) + delta * coulomb.local(il, jl);
    }
  }
  return hybrid;
}

parallel::DistributedMatrix kernel_distance(parallel::DistributedMatrix kernel) {
  for (int jl = 0; jl < kernel.local_cols(); ++jl) {
    for (int il = 0; il < kernel.local_rows(); ++il) {
      kernel.local(il, jl) = std::sqrt(std::max(0.0, 2.0 - 2.0 * kernel.local(il, jl)));
    }
  }
  return kernel;
}

}  // namespace hykal::kernels
