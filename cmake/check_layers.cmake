# Checks that no layer of the library includes a layer above it (docs/ARCHITECTURE.md, "Layers").
# Run by ctest as `layers`: cmake -DSOURCE_DIR=<project>/src -P check_layers.cmake
# Fails naming each file and include that breaks the table, and each directory of src/ that the
# table does not know, so a new layer has to be placed before it can build on others.

# What each layer may include besides itself: the one table of the dependency direction.
# scheduler and shared_budget are one level: the public rate_budget handle (scheduler) picks the
# shared implementation, which builds on the scheduler's admission_budget interface.
set(allowed_base "")
set(allowed_transport base)
set(allowed_model base)
set(allowed_scheduler base shared_budget)
set(allowed_shared_budget base scheduler)
set(allowed_client base transport model scheduler shared_budget)
set(allowed_api base transport model scheduler shared_budget client)
set(allowed_pager base transport model scheduler shared_budget client)
set(layers base transport model scheduler shared_budget client api pager)

cmake_minimum_required(VERSION 3.20)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "check_layers: pass -DSOURCE_DIR=<project>/src")
endif()

set(violations "")
file(GLOB directories LIST_DIRECTORIES true RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/*)
foreach(layer IN LISTS directories)
  if(NOT IS_DIRECTORY ${SOURCE_DIR}/${layer})
    continue()
  endif()
  if(NOT layer IN_LIST layers)
    string(APPEND violations "  src/${layer}/: a layer the table in check_layers.cmake does not place\n")
    continue()
  endif()
  file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${layer}/*.hpp ${SOURCE_DIR}/${layer}/*.cpp)
  foreach(source IN LISTS sources)
    file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" included "${line}")
      if(included MATCHES "\\.\\./")
        string(APPEND violations "  src/${source}: \"${included}\": name other layers' files from src/, not by ../\n")
      elseif(included MATCHES "^([A-Za-z0-9_]+)/")
        set(target ${CMAKE_MATCH_1})
        if(target IN_LIST layers AND NOT target STREQUAL layer AND NOT target IN_LIST allowed_${layer})
          string(APPEND violations "  src/${source}: \"${included}\": ${layer} may not include ${target}\n")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Includes against the layer order (see docs/ARCHITECTURE.md):\n${violations}")
endif()
message(STATUS "check_layers: every include of src/ follows the layer order")
