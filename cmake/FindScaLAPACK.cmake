# FindScaLAPACK: ScaLAPACK (and BLACS) for Open MPI through pkg-config.
# Debian's CMake package config for scalapack names a library path that does not exist, so it
# is deliberately not used. Defines the imported target ScaLAPACK::ScaLAPACK.
find_package(PkgConfig REQUIRED)
set(HYKAL_SCALAPACK_MODULE "scalapack-openmpi" CACHE STRING "pkg-config module of ScaLAPACK")
pkg_check_modules(PC_SCALAPACK QUIET IMPORTED_TARGET ${HYKAL_SCALAPACK_MODULE})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(ScaLAPACK REQUIRED_VARS PC_SCALAPACK_FOUND
                                  VERSION_VAR PC_SCALAPACK_VERSION)
if(ScaLAPACK_FOUND AND NOT TARGET ScaLAPACK::ScaLAPACK)
  add_library(ScaLAPACK::ScaLAPACK INTERFACE IMPORTED)
  target_link_libraries(ScaLAPACK::ScaLAPACK INTERFACE PkgConfig::PC_SCALAPACK)
endif()
