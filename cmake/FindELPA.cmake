# FindELPA: the ELPA eigensolver library through pkg-config (module `elpa`, header elpa/elpa.h).
# Defines the imported target ELPA::ELPA.
find_package(PkgConfig REQUIRED)
set(HYKAL_ELPA_MODULE "elpa" CACHE STRING "pkg-config module of ELPA")
pkg_check_modules(PC_ELPA QUIET IMPORTED_TARGET ${HYKAL_ELPA_MODULE})
find_path(ELPA_INCLUDE_DIR elpa/elpa.h HINTS ${PC_ELPA_INCLUDE_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(ELPA REQUIRED_VARS PC_ELPA_FOUND ELPA_INCLUDE_DIR
                                  VERSION_VAR PC_ELPA_VERSION)
if(ELPA_FOUND AND NOT TARGET ELPA::ELPA)
  add_library(ELPA::ELPA INTERFACE IMPORTED)
  target_link_libraries(ELPA::ELPA INTERFACE PkgConfig::PC_ELPA)
  target_include_directories(ELPA::ELPA INTERFACE ${ELPA_INCLUDE_DIR})
endif()
