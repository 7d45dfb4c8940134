# Installs headers, the library (and the compiled Asio/Beast it carries), the executables that
# were built, and a CMake package so that find_package(talentray) gives talentray::talentray.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/talentray DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS talentray talentray_asio EXPORT talentrayTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT talentrayTargets NAMESPACE talentray::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/talentray)

configure_package_config_file(cmake/talentrayConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/talentrayConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/talentray)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/talentrayConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/talentrayConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/talentrayConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/talentray)
