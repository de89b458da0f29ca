# Classical MDS and SMACOF on synthetic distance matrices.
# Run: mpiexec -n 2 ./bench/mds_bench [N ...]
add_executable(mds_bench ${CMAKE_CURRENT_LIST_DIR}/mds_bench.cpp)
target_link_libraries(mds_bench PRIVATE hykal_lib hykal_warnings)
