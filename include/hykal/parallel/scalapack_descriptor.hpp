#pragma once
// The 9-integer ScaLAPACK array descriptor with named fields (idea from COSMA's scalapack.hpp):
// code reads desc.row_block() instead of desc[4]. Built with descinit_, which checks the values.
#include <array>

namespace hykal::parallel {

class ScalapackDescriptor {
 public:
  ScalapackDescriptor() = default;
  // Calls descinit_ (dense matrix, source process (0, 0)); throws InternalError if it refuses.
  ScalapackDescriptor(int global_rows, int global_cols, int row_block, int col_block, int context,
                      int local_leading_dimension);

  int type() const { return raw_[0]; }
  int context() const { return raw_[1]; }
  int global_rows() const { return raw_[2]; }
  int global_cols() const { return raw_[3]; }
  int row_block() const { return raw_[4]; }
  int col_block() const { return raw_[5]; }
  int row_source() const { return raw_[6]; }
  int col_source() const { return raw_[7]; }
  int local_leading_dimension() const { return raw_[8]; }

  // For passing to ScaLAPACK routines.
  const int* data() const { return raw_.data(); }

 private:
  std::array<int, 9> raw_{};
};

}  // namespace hykal::parallel
