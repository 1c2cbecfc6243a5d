# Fails when an include points upward across FlowLab's layers. Run by CTest
# (test "Layers.IncludesPointDownward"): cmake -DROOT=<source dir> -P check_layers.cmake
#
# Engine areas, lowest first, and what each may include:
#   kernel   kernel                      (virtual clock, calendar, random streams)
#   metrics  kernel metrics              (histograms, time-weighted levels)
#   model    model                       (the scenario as plain data)
#   theory   model theory                (closed forms over a scenario)
#   runtime  kernel metrics model theory runtime
#   run      everything in the engine    (batch and live runners, frames)
# Above the engine, ui/ and app/ see only its public headers ("flowlab/<area>/...").
set(allowed_kernel kernel)
set(allowed_metrics kernel metrics)
set(allowed_model model)
set(allowed_theory model theory)
set(allowed_runtime kernel metrics model theory runtime)
set(allowed_run kernel metrics model theory runtime run)
set(engine_areas kernel metrics model theory runtime run)

set(violations "")
file(GLOB_RECURSE engine_files "${ROOT}/engine/include/*.hpp" "${ROOT}/engine/src/*.hpp"
     "${ROOT}/engine/src/*.cpp")
foreach(file IN LISTS engine_files)
  string(REGEX MATCH "engine/(include/flowlab|src)/([a-z]+)/" _ "${file}")
  set(area "${CMAKE_MATCH_2}")
  file(STRINGS "${file}" includes REGEX "^#include \"")
  foreach(line IN LISTS includes)
    if(line MATCHES "^#include \"(flowlab/)?([a-z]+)/")
      set(target "${CMAKE_MATCH_2}")
      list(FIND engine_areas "${target}" known)
      list(FIND allowed_${area} "${target}" ok)
      if(known GREATER -1 AND ok EQUAL -1)
        file(RELATIVE_PATH rel "${ROOT}" "${file}")
        list(APPEND violations "${rel}: ${area} includes ${target} (${line})")
      endif()
    endif()
  endforeach()
endforeach()

# ui/ and app/ include the engine through its public headers only.
file(GLOB_RECURSE outer_files "${ROOT}/ui/*.hpp" "${ROOT}/ui/*.cpp" "${ROOT}/app/*.hpp"
     "${ROOT}/app/*.cpp")
foreach(file IN LISTS outer_files)
  file(STRINGS "${file}" includes REGEX "^#include \"")
  foreach(line IN LISTS includes)
    if(line MATCHES "^#include \"([a-z]+)/")
      list(FIND engine_areas "${CMAKE_MATCH_1}" known)
      if(known GREATER -1)
        file(RELATIVE_PATH rel "${ROOT}" "${file}")
        list(APPEND violations "${rel}: reads an engine-internal header (${line})")
      endif()
    endif()
  endforeach()
endforeach()

if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "includes that point upward or inside the engine:\n  ${text}")
endif()
message(STATUS "layers: every include points downward")
