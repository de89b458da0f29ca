# Spectral clustering with automatic N_c on a synthetic affinity: embedding vs N_c-scan time.
# Run: mpiexec -n 2 ./bench/clustering_bench [N ...] [--max-clusters 20] [--groups 6] [--block 64]
add_executable(clustering_bench ${CMAKE_CURRENT_LIST_DIR}/clustering_bench.cpp)
target_link_libraries(clustering_bench PRIVATE hykal_lib hykal_warnings)
