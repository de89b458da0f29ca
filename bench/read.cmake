# Extended XYZ reading: indexing pass, serial parse and distributed read in MB/s, against ASE.
# Run: mpiexec -n 2 ./bench/read_bench [file.xyz] [--repetitions R] [--no-ase]
add_executable(read_bench ${CMAKE_CURRENT_LIST_DIR}/read_bench.cpp)
get_filename_component(HYKAL_BENCH_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" ABSOLUTE)
target_compile_definitions(read_bench PRIVATE
  HYKAL_BENCH_DEFAULT_XYZ="${HYKAL_BENCH_SHARED_DIR}/data/GeTe_meltquench_nvnmd/GeTe_meltquench_20perT.xyz")
target_link_libraries(read_bench PRIVATE hykal_lib hykal_warnings)
