# Every dependency comes from Debian 12 packages (see README). Boost must be 1.81:
# the default libboost-dev on Debian 12 is 1.74, whose Asio and JSON differ.
find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json CONFIG)
if(FLOWLAB_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Charts Svg Test)
  # Graphviz's dot lays out scenarios without positions (ui/canvas/auto_layout.*); Debian 12:
  # libgraphviz-dev. Only the ui library links it.
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc libcgraph)
endif()
if(FLOWLAB_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(FLOWLAB_BENCH)
  find_package(benchmark REQUIRED)
endif()
