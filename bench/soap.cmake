# SOAP throughput benchmark (issue 3): mpiexec -n 2 bench/soap_bench [data_dir] [repetitions]
set(HYKAL_BENCH_DATA_DIR "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH "Data sets for the benchmarks")
get_filename_component(HYKAL_BENCH_DATA_DIR_ABSOLUTE "${HYKAL_BENCH_DATA_DIR}" ABSOLUTE)
add_executable(soap_bench ${CMAKE_CURRENT_LIST_DIR}/soap_bench.cpp)
target_link_libraries(soap_bench PRIVATE hykal_lib hykal_warnings)
target_compile_definitions(soap_bench PRIVATE HYKAL_BENCH_DATA_DIR="${HYKAL_BENCH_DATA_DIR_ABSOLUTE}")
