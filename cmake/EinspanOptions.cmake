# einsum's GEMM through OpenBLAS (Debian's libopenblas-dev) instead of Eigen's own kernel; see
# docs/einsum.md for the measurements behind the default.
option(EINSPAN_USE_OPENBLAS "Run einsum's GEMM steps on OpenBLAS instead of Eigen" ON)

# Compile flags for einspan's own targets. They go through an interface target that is linked
# PRIVATE, so consumers of einspan never inherit our warnings, sanitizers or -march.
add_library(einspan_build_flags INTERFACE)
target_compile_options(einspan_build_flags INTERFACE -Wall -Wextra -Wpedantic)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # `#pragma omp simd` is a hint; clang warns whenever it does not vectorise, which at -O1 (the
  # sanitizer build) is every loop.
  target_compile_options(einspan_build_flags INTERFACE -Wno-pass-failed)
endif()
# Highway compiles each dispatched kernel file (tensor/include/einspan/tensor/detail/simd/dispatch.hpp)
# once per instruction-set level: generic, SSE4 (x86-64-v2), AVX2 (v3) and AVX-512 (v4). SSSE3 adds
# compile time and nothing a user needs.
target_compile_definitions(einspan_build_flags INTERFACE "HWY_DISABLED_TARGETS=HWY_SSSE3")
if(EINSPAN_NATIVE)
  target_compile_options(einspan_build_flags INTERFACE -march=native)
endif()
if(EINSPAN_SANITIZE AND EINSPAN_TSAN)
  message(FATAL_ERROR "EINSPAN_SANITIZE and EINSPAN_TSAN exclude each other: ThreadSanitizer cannot run with AddressSanitizer")
endif()
if(EINSPAN_TSAN)
  string(APPEND CMAKE_CXX_FLAGS " -fsanitize=thread -fno-omit-frame-pointer")
  string(APPEND CMAKE_EXE_LINKER_FLAGS " -fsanitize=thread")
endif()
if(EINSPAN_SANITIZE)
  # Through CMAKE_CXX_FLAGS rather than target options: every object in a link must carry the
  # sanitizers, including the consumer project that tests/package builds with these flags.
  string(APPEND CMAKE_CXX_FLAGS " -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer")
  string(APPEND CMAKE_EXE_LINKER_FLAGS " -fsanitize=address,undefined")
endif()
