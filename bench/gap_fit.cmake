# Built-in GAP fit on AsTe3 (issue 8): mpiexec -n P bench/gap_fit_bench [data_dir] [n_train] [soap_n_sparse]
add_executable(gap_fit_bench ${CMAKE_CURRENT_LIST_DIR}/gap_fit_bench.cpp)
target_link_libraries(gap_fit_bench PRIVATE hykal_lib hykal_warnings)
target_compile_definitions(gap_fit_bench PRIVATE HYKAL_BENCH_DATA_DIR="${HYKAL_BENCH_DATA_DIR_ABSOLUTE}")
