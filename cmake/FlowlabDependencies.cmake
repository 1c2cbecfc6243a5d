# Every dependency comes from Debian 12 packages (see README). Boost must be 1.81:
# the default libboost-dev on Debian 12 is 1.74, whose Asio and JSON differ.
find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json CONFIG)
if(FLOWLAB_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Charts Test)
endif()
if(FLOWLAB_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(FLOWLAB_BENCH)
  find_package(benchmark REQUIRED)
endif()
