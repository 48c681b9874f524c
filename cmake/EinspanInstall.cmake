include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_einspan_config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/einspan)
set(_einspan_targets einspan einspan_tensor einspan_einsum einspan_sparse einspan_kmeans)
set(EINSPAN_INSTALLED_MPI OFF)
if(TARGET einspan_kmeans_mpi)
  list(APPEND _einspan_targets einspan_kmeans_mpi)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/kmeans/mpi/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  set(EINSPAN_INSTALLED_MPI ON)
endif()
install(TARGETS ${_einspan_targets}
        EXPORT einspanTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(_module tensor einsum sparse kmeans)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${_module}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(EXPORT einspanTargets NAMESPACE einspan:: DESTINATION ${_einspan_config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/einspanConfig.cmake.in
  ${PROJECT_BINARY_DIR}/einspanConfig.cmake INSTALL_DESTINATION ${_einspan_config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/einspanConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/einspanConfig.cmake ${PROJECT_BINARY_DIR}/einspanConfigVersion.cmake
        DESTINATION ${_einspan_config_dir})
