#include "hykal/parallel/gather_text.hpp"

namespace hykal::parallel {
namespace {

struct Layout {
  std::vector<int> lengths, offsets;
  std::size_t total() const { return static_cast<std::size_t>(offsets.back() + lengths.back()); }
};

Layout layout_of(int length, MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  Layout layout{std::vector<int>(static_cast<std::size_t>(size)), std::vector<int>(static_cast<std::size_t>(size), 0)};
  MPI_Allgather(&length, 1, MPI_INT, layout.lengths.data(), 1, MPI_INT, comm);
  for (int r = 1; r < size; ++r) layout.offsets[r] = layout.offsets[r - 1] + layout.lengths[r - 1];
  return layout;
}

}  // namespace

std::string gather_text_to_root(const std::string& mine, MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  const Layout layout = layout_of(static_cast<int>(mine.size()), comm);
  std::string all(rank == 0 ? layout.total() : 0, '\0');
  MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), MPI_CHAR, all.data(), layout.lengths.data(),
              layout.offsets.data(), MPI_CHAR, 0, comm);
  return all;
}

std::string gather_text_to_all(const std::string& mine, MPI_Comm comm) {
  const Layout layout = layout_of(static_cast<int>(mine.size()), comm);
  std::string all(layout.total(), '\0');
  MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_CHAR, all.data(), layout.lengths.data(),
                 layout.offsets.data(), MPI_CHAR, comm);
  return all;
}

std::string broadcast_text(const std::string& text, int root, MPI_Comm comm) {
  int length = static_cast<int>(text.size());
  MPI_Bcast(&length, 1, MPI_INT, root, comm);
  std::string copy = text;
  copy.resize(static_cast<std::size_t>(length));
  MPI_Bcast(copy.data(), length, MPI_CHAR, root, comm);
  return copy;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace hykal::parallel
