# FindNLoptCxx: NLopt's C++ API (header nlopt.hpp, library nlopt_cxx) through pkg-config
# (module `nlopt_cxx`, Debian: libnlopt-cxx-dev). Defines the imported target NLopt::nlopt_cxx.
# Not find_package(NLopt CONFIG): Debian ships two NLoptConfig.cmake (nlopt/ of the C library and
# nlopt_cxx/), and CMake's search picks the C one.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PC_NLOPT_CXX QUIET IMPORTED_TARGET nlopt_cxx)
find_path(NLOPT_CXX_INCLUDE_DIR nlopt.hpp HINTS ${PC_NLOPT_CXX_INCLUDE_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(NLoptCxx REQUIRED_VARS PC_NLOPT_CXX_FOUND NLOPT_CXX_INCLUDE_DIR
                                  VERSION_VAR PC_NLOPT_CXX_VERSION)
if(NLoptCxx_FOUND AND NOT TARGET NLopt::nlopt_cxx)
  add_library(NLopt::nlopt_cxx INTERFACE IMPORTED)
  target_link_libraries(NLopt::nlopt_cxx INTERFACE PkgConfig::PC_NLOPT_CXX)
  target_include_directories(NLopt::nlopt_cxx INTERFACE ${NLOPT_CXX_INCLUDE_DIR})
endif()
