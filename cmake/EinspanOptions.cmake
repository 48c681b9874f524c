# Compile flags for einspan's own targets. They go through an interface target that is linked
# PRIVATE, so consumers of einspan never inherit our warnings, sanitizers or -march.
add_library(einspan_build_flags INTERFACE)
target_compile_options(einspan_build_flags INTERFACE -Wall -Wextra -Wpedantic)
if(EINSPAN_NATIVE)
  target_compile_options(einspan_build_flags INTERFACE -march=native)
endif()
if(EINSPAN_SANITIZE)
  set(_einspan_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # Sanitizers must be on every object in the link, including consumers' test programs.
  add_compile_options(${_einspan_sanitizers})
  add_link_options(-fsanitize=address,undefined)
endif()
