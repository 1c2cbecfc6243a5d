# Warnings as a function so every FlowLab target gets the same set.
function(flowlab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wno-unused-parameter)
endfunction()
