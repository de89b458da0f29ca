#include "hykal/parallel/scalapack_descriptor.hpp"

#include "hykal/error.hpp"

#include <string>

extern "C" void descinit_(int* desc, const int* m, const int* n, const int* mb, const int* nb, const int* irsrc,
                          const int* icsrc, const int* ictxt, const int* lld, int* info);

namespace hykal::parallel {

ScalapackDescriptor::ScalapackDescriptor(int global_rows, int global_cols, int row_block, int col_block,
                                         int context, int local_leading_dimension) {
  const int source = 0;
  int info = 0;
  descinit_(raw_.data(), &global_rows, &global_cols, &row_block, &col_block, &source, &source, &context,
            &local_leading_dimension, &info);
  if (info != 0) {
    HYKAL_THROW("descinit_ rejected argument " + std::to_string(-info) + " (" + std::to_string(global_rows) + " x " +
                std::to_string(global_cols) + ", blocks " + std::to_string(row_block) + " x " +
                std::to_string(col_block) + ", lld " + std::to_string(local_leading_dimension) + ")");
  }
}

}  // namespace hykal::parallel
