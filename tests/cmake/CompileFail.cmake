# einspan_add_compile_fail_tests(<module> <library> "<case>|<expected diagnostic>"...)
# Negative-compilation tests: each <case>.cpp in the calling directory is a target excluded from
# `all`; its test builds it and passes only if the compiler output contains the expected
# diagnostic (PASS_REGULAR_EXPRESSION overrides the exit code, so a build that fails for another
# reason fails the test). compiles.cpp is the control: it must build.
function(einspan_add_compile_fail_tests module library)
  foreach(entry IN LISTS ARGN)
    string(FIND "${entry}" "|" bar)
    string(SUBSTRING "${entry}" 0 ${bar} name)
    math(EXPR after "${bar} + 1")
    string(SUBSTRING "${entry}" ${after} -1 message)
    set(target ${module}_compile_fail_${name})
    add_executable(${target} EXCLUDE_FROM_ALL ${name}.cpp)
    target_link_libraries(${target} PRIVATE ${library})
    add_test(NAME ${target}
             COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target ${target} --config $<CONFIG>)
    # Regex-escape the message: it may hold '<', '>', '.', '(' and '['.
    string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" pattern "${message}")
    set_tests_properties(${target} PROPERTIES PASS_REGULAR_EXPRESSION "${pattern}" LABELS ${module}
                                              RESOURCE_LOCK einspan_build_tree)
  endforeach()
  set(control ${module}_compile_fail_control)
  add_executable(${control} EXCLUDE_FROM_ALL compiles.cpp)
  target_link_libraries(${control} PRIVATE ${library})
  add_test(NAME ${control}
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target ${control} --config $<CONFIG>)
  set_tests_properties(${control} PROPERTIES LABELS ${module} RESOURCE_LOCK einspan_build_tree)
endfunction()
