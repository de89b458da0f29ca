#pragma once
// Copying a distributed matrix onto another grid or blocking (ScaLAPACK REDIST pdgemr2d), in
// tiles. Debian's ScaLAPACK 2.2.1 sizes pdgemr2d's send and receive buffers in `int` bytes
// (mr2d_malloc; made size_t upstream in 2024), so one call whose local part reaches 2 GiB
// (2²⁸ doubles: the stacked system of a 425-frame GeTe fit on one rank) exits the whole job with
// "xxmr2d:out of memory". Each call also allocates two buffers as large as its local part; tiles
// bound both.
#include "hykal/parallel/distributed_matrix.hpp"

#include <cstdint>

namespace hykal::parallel {

// Elements per pdgemr2d call: 128 MiB of doubles, far below the 2 GiB overflow, and large
// enough that the calls' fixed cost (a few small collectives each) does not show.
inline constexpr std::int64_t default_copy_tile_elements = std::int64_t{1} << 24;

// Collective over the ranks of both grids (built on the same communicator): copies source into
// target, which may have another grid and blocking but the same global shape. Tiles hold at most
// max_tile_elements elements (more only when a single block row or column is larger) and start
// at multiples of both matrices' blocks, where pdgemr2d's buffers cover the tile alone.
void copy_across_grids(const DistributedMatrix& source, DistributedMatrix& target,
                       std::int64_t max_tile_elements = default_copy_tile_elements);

}  // namespace hykal::parallel
