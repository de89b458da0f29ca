# hykal_add_test(NAME SOURCES src... [RANKS n...] [LABELS l...] [SKIP_RETURN_CODE code])
# Builds one Catch2 test executable with the shared MPI test main and registers it once per rank
# count under mpiexec (name `NAME_np<N>`, label `RANK_<N>`). Open MPI gets --oversubscribe so
# 4 ranks run on a 2-core machine, and root is allowed (CI runs as root). SKIP_RETURN_CODE: the
# exit status ctest reports as skipped, for tests that need a program this machine may lack (the
# test main returns 77 when a test called hykal::test::skip, tests/test_skip.hpp).
find_package(Catch2 REQUIRED)

# What every test's processes need: Open MPI allowed to run as root (CI runs as root), one BLAS
# thread per rank (the ranks are the parallelism).
set(HYKAL_TEST_ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OPENBLAS_NUM_THREADS=1")

set(HYKAL_MPIEXEC_EXTRA "")
execute_process(COMMAND ${MPIEXEC_EXECUTABLE} --version OUTPUT_VARIABLE _mpiexec_version ERROR_QUIET)
if(_mpiexec_version MATCHES "Open MPI|OpenRTE")
  set(HYKAL_MPIEXEC_EXTRA --oversubscribe)
endif()

function(hykal_add_test name)
  cmake_parse_arguments(ARG "" "SKIP_RETURN_CODE" "SOURCES;RANKS;LABELS" ${ARGN})
  if(NOT ARG_RANKS)
    set(ARG_RANKS 1)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE hykal_test_main hykal_lib hykal_warnings)
  foreach(n IN LISTS ARG_RANKS)
    add_test(NAME ${name}_np${n}
             COMMAND ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${n} ${HYKAL_MPIEXEC_EXTRA}
                     ${MPIEXEC_PREFLAGS} $<TARGET_FILE:${name}> ${MPIEXEC_POSTFLAGS})
    set_tests_properties(${name}_np${n} PROPERTIES
      LABELS "RANK_${n};${ARG_LABELS}"
      PROCESSORS ${n}
      TIMEOUT 900
      ENVIRONMENT "${HYKAL_TEST_ENVIRONMENT};HYKAL_SHARED_DIR=${HYKAL_SHARED_DIR};HYKAL_SOURCE_DIR=${PROJECT_SOURCE_DIR};HYKAL_EXECUTABLE=$<TARGET_FILE:hykal>")
    if(DEFINED ARG_SKIP_RETURN_CODE)
      set_tests_properties(${name}_np${n} PROPERTIES SKIP_RETURN_CODE ${ARG_SKIP_RETURN_CODE})
    endif()
  endforeach()
endfunction()

# hykal_add_shell_test(NAME SCRIPT script [ARGS arg...] PROCESSORS n TIMEOUT seconds [LABELS l...]
#                      [SKIP_RETURN_CODE code] [ENVIRONMENT VAR=value...])
# Registers a shell check (`bash script args...`, the script named relative to the calling
# CMakeLists.txt) with the environment every test gets plus the given variables. The check starts
# its own mpiexec runs, hence PROCESSORS; LABELS (RANK_1, RANK_2, ...) name the rank counts it runs
# at, for `ctest -L` (the sanitizer step selects by them); unlabelled checks are left out there.
function(hykal_add_shell_test name)
  cmake_parse_arguments(ARG "" "SCRIPT;PROCESSORS;TIMEOUT;SKIP_RETURN_CODE" "ARGS;LABELS;ENVIRONMENT" ${ARGN})
  add_test(NAME ${name} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_SCRIPT} ${ARG_ARGS})
  set(environment ${HYKAL_TEST_ENVIRONMENT} ${ARG_ENVIRONMENT})
  set_tests_properties(${name} PROPERTIES PROCESSORS ${ARG_PROCESSORS} TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${environment}")
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  if(DEFINED ARG_SKIP_RETURN_CODE)
    set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE ${ARG_SKIP_RETURN_CODE})
  endif()
endfunction()
