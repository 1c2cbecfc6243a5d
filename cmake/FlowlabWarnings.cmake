# Warnings as a function so every FlowLab target gets the same set (GCC spells the
# shadowing check it supports differently from clang).
function(flowlab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)
endfunction()
