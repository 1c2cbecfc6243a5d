# Install rules and the Debian package. `cmake --install build [--prefix P]` puts:
#   bin/flowlab-cli, bin/flowlab                      the programs
#   share/flowlab/scenarios/*.json                    the lessons (File > Open Lesson finds
#                                                     them from bin/../share/flowlab/scenarios),
#                                                     with challenges/, compare/ and templates/
#   share/applications/<id>.desktop                   the desktop entry
#   share/icons/hicolor/{scalable,256x256}/apps/<id>  the icon, SVG and PNG
#   share/metainfo/<id>.metainfo.xml                  AppStream metadata
# and `cpack` (from the build tree) builds a .deb of the same. Version: project(VERSION).
include(GNUInstallDirs)

# The reverse-DNS application id: desktop entry, icon and AppStream metadata share it.
set(FLOWLAB_APP_ID "org.flowlab.FlowLab" CACHE STRING "Reverse-DNS id of the desktop app")
# The date of the release named by project(VERSION), for the AppStream release entry.
set(FLOWLAB_RELEASE_DATE "2026-12-02")

install(TARGETS flowlab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/flowlab/scenarios FILES_MATCHING PATTERN "*.json")

if(FLOWLAB_GUI)
  install(TARGETS flowlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set(packaging ${PROJECT_SOURCE_DIR}/packaging)
  configure_file(${packaging}/flowlab.desktop.in
                 ${PROJECT_BINARY_DIR}/packaging/${FLOWLAB_APP_ID}.desktop @ONLY)
  configure_file(${packaging}/flowlab.metainfo.xml.in
                 ${PROJECT_BINARY_DIR}/packaging/${FLOWLAB_APP_ID}.metainfo.xml @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/${FLOWLAB_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/${FLOWLAB_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${packaging}/flowlab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
          RENAME ${FLOWLAB_APP_ID}.svg)
  # Rendered from flowlab.svg (scripts/render-icon.sh) for launchers that want a bitmap.
  install(FILES ${packaging}/flowlab-256.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps
          RENAME ${FLOWLAB_APP_ID}.png)
endif()

# The Debian package: `cd build && cpack` writes flowlab_<version>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME flowlab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "FlowLab")
# Whoever builds a package to hand out names themselves here (Debian's Maintainer field is
# the person answerable for the package): -DFLOWLAB_PACKAGE_MAINTAINER="Name <mail>". The
# default names no person, at a reserved domain (RFC 2606) that cannot receive mail, so a
# package built without it says plainly that nobody has signed for it (docs/install.md).
set(FLOWLAB_PACKAGE_MAINTAINER "FlowLab maintainers <maintainers@flowlab.invalid>"
    CACHE STRING "Maintainer of the .deb: Name <email>")
set(CPACK_PACKAGE_CONTACT "${FLOWLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FLOWLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "lab for synchronous vs asynchronous communication (desktop app and CLI)")
set(CPACK_PACKAGE_DESCRIPTION
    "FlowLab simulates clients, services, databases, queues, topics, consumers and\n\
dead-letter queues with a deterministic discrete-event engine and animates the\n\
result. It ships lessons on availability, latency, thread pools, retries, circuit\n\
breakers, duplicates, poison messages, ordering, back-pressure and tracing, a\n\
desktop app (flowlab) and a command line (flowlab-cli) for scripts and grading.")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# dpkg-shlibdeps names the libraries the programs link (Qt, Boost.JSON, Graphviz);
# Graphviz's dot layout plugin ships in libgvc6 with the library itself.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt loads its platform plugins at run time: offscreen and xcb come with libqt6gui6,
# which the shlibs already name; Wayland sessions need the Wayland plugin.
if(FLOWLAB_GUI)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
endif()
set(CPACK_STRIP_FILES ON)
include(CPack)
