# ELPA vs ScaLAPACK pdsyevr: time for the k smallest eigenpairs of a dense kernel-like matrix.
# Run: mpiexec -n 2 ./bench/eigen_bench [N ...] [--k 20] [--block 64] [--repetitions 1]
add_executable(eigen_bench ${CMAKE_CURRENT_LIST_DIR}/eigen_bench.cpp)
target_link_libraries(eigen_bench PRIVATE hykal_lib hykal_warnings)
