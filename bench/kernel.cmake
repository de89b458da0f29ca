# Distributed kernel matrices (docs/kernels.md): average-pairwise and mean-descriptor SOAP kernels.
add_executable(kernel_bench ${CMAKE_CURRENT_LIST_DIR}/kernel_bench.cpp)
target_link_libraries(kernel_bench PRIVATE hykal_lib hykal_warnings)
