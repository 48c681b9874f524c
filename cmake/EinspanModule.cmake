# einspan_add_module(<name> [DEPENDS <einspan targets>...] [PUBLIC_LIBS <imported targets>...])
# Declares the library einspan_<name> (alias einspan::<name>) from <name>/src/*.cpp and the public
# headers under <name>/include. A module without sources is an interface (header-only) library.
function(einspan_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;PUBLIC_LIBS" ${ARGN})
  set(target einspan_${name})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  if(sources)
    add_library(${target} STATIC ${sources})
    set(scope PUBLIC)
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:einspan_build_flags>)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    # Dispatched kernel files name themselves in HWY_TARGET_INCLUDE relative to src/.
    target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  else()
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
  endif()
  add_library(einspan::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  target_include_directories(${target} ${scope}
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${target} ${scope} cxx_std_20)
  target_link_libraries(${target} ${scope} ${ARG_DEPENDS} ${ARG_PUBLIC_LIBS})
endfunction()
