// A text file written by every rank at once (io/rank_ordered_file.hpp) holds the ranks' parts in
// rank order, whatever their sizes (empty parts included), and replaces an older, longer file.
// Reference: the concatenation of the parts, built by every rank from the same rule.
#include "hykal/io/rank_ordered_file.hpp"
#include "mpi_ranks.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string part_of(int rank) {
  if (rank == 1) return "";  // a rank without frames
  return std::string(static_cast<std::size_t>(1000 * rank + 7), static_cast<char>('a' + rank % 26)) + "\n";
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("parts land in rank order and replace an older file") {
  const MPI_Comm comm = MPI_COMM_WORLD;
  const std::string path = "rank_ordered_test.txt";
  if (hykal::test::rank_of(comm) == 0) std::ofstream(path) << std::string(100000, 'x');
  MPI_Barrier(comm);
  hykal::io::write_in_rank_order(path, part_of(hykal::test::rank_of(comm)), comm);
  std::string expected;
  for (int r = 0; r < hykal::test::size_of(comm); ++r) expected += part_of(r);
  CHECK(file_text(path) == expected);
  CHECK(!std::ifstream(path + ".partial").good());
  MPI_Barrier(comm);
  if (hykal::test::rank_of(comm) == 0) std::remove(path.c_str());
}
