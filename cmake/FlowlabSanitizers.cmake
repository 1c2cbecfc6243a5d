# Sanitizers for the whole build. test.sh builds two extra trees with them:
#   address  ASan + UBSan (clang; with the fuzz target): memory errors and undefined
#            behaviour fail CI
#   thread   TSan: the engine and the tests of its thread boundary (LiveRunner)
# ON is read as address, as the option was a plain switch before.
if(FLOWLAB_SANITIZE STREQUAL "address" OR FLOWLAB_SANITIZE STREQUAL "ON")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(FLOWLAB_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT FLOWLAB_SANITIZE STREQUAL "OFF" AND NOT FLOWLAB_SANITIZE STREQUAL "")
  message(FATAL_ERROR "FLOWLAB_SANITIZE must be OFF, address or thread, got '${FLOWLAB_SANITIZE}'")
endif()

# Only clang has libFuzzer. The engine is instrumented for coverage (engine/CMakeLists.txt)
# and the fuzz target links the fuzzer; tests stay plain (clang 14 cannot assemble some
# instrumented GoogleTest objects).
if(FLOWLAB_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "FLOWLAB_FUZZ needs clang (libFuzzer): configure with CMAKE_CXX_COMPILER=clang++")
endif()
