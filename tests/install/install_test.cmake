# CTest "install": `cmake --install` into a fresh prefix puts every file in its standard
# place, and the installed programs run from there: flowlab-cli reports the project's
# version and runs an installed lesson, flowlab (offscreen) reports the same version.
# Arguments: BUILD_DIR, PREFIX, VERSION, GUI (ON/OFF), APP_ID.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

set(expected bin/flowlab-cli share/flowlab/scenarios/01-availability-trap.json)
if(GUI)
  list(APPEND expected bin/flowlab share/applications/${APP_ID}.desktop
       share/icons/hicolor/scalable/apps/${APP_ID}.svg
       share/icons/hicolor/256x256/apps/${APP_ID}.png share/metainfo/${APP_ID}.metainfo.xml)
endif()
foreach(path IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "not installed: ${PREFIX}/${path}")
  endif()
endforeach()
# Every shipped lesson, none left behind.
file(GLOB source_lessons "${CMAKE_CURRENT_LIST_DIR}/../../scenarios/*.json")
file(GLOB installed_lessons "${PREFIX}/share/flowlab/scenarios/*.json")
list(LENGTH source_lessons n_source)
list(LENGTH installed_lessons n_installed)
if(NOT n_source EQUAL n_installed)
  message(FATAL_ERROR "${n_installed} lessons installed, ${n_source} in scenarios/")
endif()
# The templates of File > New from template, beside them.
file(GLOB source_templates "${CMAKE_CURRENT_LIST_DIR}/../../scenarios/templates/*.json")
file(GLOB installed_templates "${PREFIX}/share/flowlab/scenarios/templates/*.json")
list(LENGTH source_templates n_source)
list(LENGTH installed_templates n_installed)
if(n_source EQUAL 0 OR NOT n_source EQUAL n_installed)
  message(FATAL_ERROR "${n_installed} templates installed, ${n_source} in scenarios/templates/")
endif()

function(expect_version program)
  execute_process(COMMAND ${ARGN} "${PREFIX}/bin/${program}" --version
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "(^| )${VERSION}( |\n|$)")
    message(FATAL_ERROR "${program} --version gave (${rc}) '${out}' '${err}', expected ${VERSION}")
  endif()
endfunction()
expect_version(flowlab-cli)
execute_process(COMMAND "${PREFIX}/bin/flowlab-cli" run
                        "${PREFIX}/share/flowlab/scenarios/01-availability-trap.json" --format json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\"format\":\"flowlab-report/1\"")
  message(FATAL_ERROR "the installed CLI could not run an installed lesson (${rc}): ${err}")
endif()

if(GUI)
  expect_version(flowlab ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen)
  find_program(APPSTREAMCLI appstreamcli)
  if(APPSTREAMCLI)
    execute_process(COMMAND ${APPSTREAMCLI} validate --no-net
                            "${PREFIX}/share/metainfo/${APP_ID}.metainfo.xml"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "AppStream metadata does not validate:\n${out}\n${err}")
    endif()
  endif()
  find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
  if(DESKTOP_FILE_VALIDATE)
    execute_process(COMMAND ${DESKTOP_FILE_VALIDATE} "${PREFIX}/share/applications/${APP_ID}.desktop"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR out MATCHES "error|warning")
      message(FATAL_ERROR "the desktop entry does not validate:\n${out}\n${err}")
    endif()
  endif()
  file(READ "${PREFIX}/share/metainfo/${APP_ID}.metainfo.xml" metainfo)
  if(NOT metainfo MATCHES "<release version=\"${VERSION}\"")
    message(FATAL_ERROR "the AppStream release is not ${VERSION}")
  endif()
endif()
file(REMOVE_RECURSE "${PREFIX}")
