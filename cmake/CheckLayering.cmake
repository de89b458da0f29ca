# Fails if a folder of src/ or include/hykal/ includes a header of a folder above it in the
# pipeline (docs/architecture.md): each folder may include only itself and the folders listed
# before it. In particular nothing below app/ includes app/, and parallel/ includes nothing
# from io/. Run as: cmake -DHYKAL_SOURCE_DIR=<repo> -P CheckLayering.cmake
cmake_minimum_required(VERSION 3.22)
set(layers util parallel io descriptors kernels clustering gap learning app)

set(violations "")
file(GLOB folders LIST_DIRECTORIES true RELATIVE "${HYKAL_SOURCE_DIR}/src" "${HYKAL_SOURCE_DIR}/src/*")
foreach(folder IN LISTS folders)
  if(IS_DIRECTORY "${HYKAL_SOURCE_DIR}/src/${folder}" AND NOT folder IN_LIST layers)
    string(APPEND violations "  src/${folder}/: not placed in the order; add it to the list `layers` in cmake/CheckLayering.cmake\n")
  endif()
endforeach()
foreach(layer IN LISTS layers)
  list(FIND layers ${layer} layer_rank)
  file(GLOB_RECURSE files "${HYKAL_SOURCE_DIR}/src/${layer}/*" "${HYKAL_SOURCE_DIR}/include/hykal/${layer}/*")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]hykal/[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[^\"<]*[\"<]hykal/([a-z_]+)/.*$" "\\1" used "${line}")
      list(FIND layers ${used} used_rank)
      if(used_rank GREATER layer_rank)
        file(RELATIVE_PATH shown "${HYKAL_SOURCE_DIR}" "${file}")
        string(STRIP "${line}" line)
        string(APPEND violations "  ${shown}: ${line} (${layer}/ may not use ${used}/)\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "include order broken (util < parallel < io < descriptors < kernels < clustering < gap "
                      "< learning < app):\n${violations}")
endif()
