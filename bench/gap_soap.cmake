# SOAP term of the GAP potential with gradients (issue 8): bench/gap_soap_bench [data_dir] [repetitions]
add_executable(gap_soap_bench ${CMAKE_CURRENT_LIST_DIR}/gap_soap_bench.cpp)
target_link_libraries(gap_soap_bench PRIVATE hykal_lib hykal_warnings)
target_compile_definitions(gap_soap_bench PRIVATE HYKAL_BENCH_DATA_DIR="${HYKAL_BENCH_DATA_DIR_ABSOLUTE}")
