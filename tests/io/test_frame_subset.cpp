// Reading a chosen subset of an indexed data set onto a sub-communicator: each half of a split
// world reads its own subset of the bundled example at the same time. Reference: the serial
// reader (read_extxyz) of the whole file, frame by frame.
#include "hykal/io/extxyz_reader.hpp"
#include "hykal/io/frame_distribution.hpp"
#include "hykal/io/frame_index.hpp"
#include "test_paths.hpp"

#include "../parallel/world_halves.hpp"

#include <catch2/catch.hpp>

using namespace hykal::io;

TEST_CASE("each half reads its own subset of frames, parsed once, in subset order", "[io][split]") {
  const hykal::test::WorldHalf half;
  const std::string path = hykal::test::source_dir() + "/inputs/example/sio2_meltquench.xyz";
  const std::vector<Frame> serial = read_extxyz(path);
  const FrameIndex index = build_frame_index({path}, MPI_COMM_WORLD);
  REQUIRE(index.n_frames() == static_cast<std::int64_t>(serial.size()));

  // Half 0 takes every 3rd frame from 0, half 1 every 5th from 2.
  std::vector<std::int64_t> subset;
  for (std::int64_t g = 2 * half.half(); g < index.n_frames(); g += 3 + 2 * half.half()) subset.push_back(g);

  const LocalFrames local = read_frame_subset(index, subset, {}, half.comm());
  CHECK(local.index.n_frames() == static_cast<std::int64_t>(subset.size()));
  long long count = static_cast<long long>(local.frames.size());
  MPI_Allreduce(MPI_IN_PLACE, &count, 1, MPI_LONG_LONG, MPI_SUM, half.comm());
  CHECK(count == static_cast<long long>(subset.size()));
  for (std::size_t f = 0; f < local.frames.size(); ++f) {
    const std::int64_t g = subset[static_cast<std::size_t>(local.global_frame(f))];
    const Frame& expected = serial[static_cast<std::size_t>(g)];
    const Frame& frame = local.frames[f];
    INFO("half " << half.half() << ", data-set frame " << g);
    CHECK(frame.source_index == g);
    CHECK(frame.atomic_numbers == expected.atomic_numbers);
    CHECK(frame.positions == expected.positions);
    CHECK(frame.energy == expected.energy);
    CHECK(frame.labels == expected.labels);
  }
}
