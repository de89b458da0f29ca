# SIMD level of the build (issue 10), chosen at configure time as GROMACS does with GMX_SIMD:
#   HYKAL_SIMD=auto     the best level the configuring machine runs (the default: an HPC user
#                       builds on the cluster it runs on)
#   HYKAL_SIMD=generic  the x86-64 baseline (SSE2), for packagers and heterogeneous clusters
#   HYKAL_SIMD=avx2     AVX2 + FMA (Haswell, Zen 1-3 and later)
#   HYKAL_SIMD=avx512   AVX-512 F/DQ/VL/BW with 512-bit vectors preferred (Skylake-SP, Zen 4-5)
# The compiler vectorises the hot loops (kernels/); no intrinsics or assembly depend on the level.
# Floating-point contraction into FMA is switched off (-ffp-contract=off) at the FMA levels: loops
# without reassociation then give the same bits in every build, and the DScribe fixture
# tolerances (1e-12 relative) never depend on the level. Sets HYKAL_SIMD_LEVEL (the resolved
# name) and HYKAL_SIMD_FLAGS (compile options).
include(CheckCXXSourceRuns)

set(HYKAL_SIMD "auto" CACHE STRING "SIMD level: auto, generic, avx2 or avx512")
set_property(CACHE HYKAL_SIMD PROPERTY STRINGS auto generic avx2 avx512)

set(_hykal_simd_flags_generic "")
set(_hykal_simd_flags_avx2 -mavx2 -mfma -mbmi2)
set(_hykal_simd_flags_avx512 -mavx2 -mfma -mbmi2 -mavx512f -mavx512dq -mavx512vl -mavx512bw
    -mprefer-vector-width=512)

# Runs a program that executes an instruction of the level (a 256- or 512-bit FMA): it faults
# with SIGILL when the configuring machine lacks it.
function(_hykal_simd_runs level result)
  string(REPLACE ";" " " _flags "${_hykal_simd_flags_${level}}")
  set(CMAKE_REQUIRED_FLAGS "${_flags}")
  set(CMAKE_REQUIRED_QUIET ON)
  if(level STREQUAL "avx512")
    set(_source "#include <immintrin.h>
      int main(int argc, char**) {
        __m512d x = _mm512_set1_pd(static_cast<double>(argc));
        x = _mm512_fmadd_pd(x, x, x);
        return _mm512_reduce_add_pd(x) == 16.0 ? 0 : 1; }")
  else()
    set(_source "#include <immintrin.h>
      int main(int argc, char**) {
        __m256d x = _mm256_set1_pd(static_cast<double>(argc));
        x = _mm256_fmadd_pd(x, x, x);
        double lanes[4]; _mm256_storeu_pd(lanes, x);
        return lanes[0] + lanes[1] + lanes[2] + lanes[3] == 8.0 ? 0 : 1; }")
  endif()
  check_cxx_source_runs("${_source}" HYKAL_SIMD_RUNS_${level})
  set(${result} ${HYKAL_SIMD_RUNS_${level}} PARENT_SCOPE)
endfunction()

if(HYKAL_SIMD STREQUAL "auto")
  set(HYKAL_SIMD_LEVEL generic)
  foreach(_level avx2 avx512)
    _hykal_simd_runs(${_level} _runs)
    if(_runs)
      set(HYKAL_SIMD_LEVEL ${_level})
    endif()
  endforeach()
elseif(HYKAL_SIMD MATCHES "^(generic|avx2|avx512)$")
  set(HYKAL_SIMD_LEVEL ${HYKAL_SIMD})
else()
  message(FATAL_ERROR "HYKAL_SIMD=${HYKAL_SIMD}: expected auto, generic, avx2 or avx512")
endif()
set(HYKAL_SIMD_FLAGS ${_hykal_simd_flags_${HYKAL_SIMD_LEVEL}})
if(NOT HYKAL_SIMD_LEVEL STREQUAL "generic")
  list(APPEND HYKAL_SIMD_FLAGS -ffp-contract=off)  # the x86-64 baseline has no FMA to contract into
endif()
# Two GCC 12 false positives that only 512-bit vectorisation exposes and HYKAL_WERROR would turn
# into build failures: -Wmaybe-uninitialized on the AVX-512 headers' own _mm256_undefined_pd()
# inlined into Eigen's reductions (GCC bug 105593, fixed in GCC 13), and -Wfree-nonheap-object
# on std::vector's deallocation after a vectorised copy (descriptors/coulomb_matrix.cpp).
if(HYKAL_SIMD_LEVEL STREQUAL "avx512" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND HYKAL_SIMD_FLAGS -Wno-maybe-uninitialized -Wno-free-nonheap-object)
endif()
message(STATUS "hykal SIMD level: ${HYKAL_SIMD_LEVEL} (HYKAL_SIMD=${HYKAL_SIMD})")
