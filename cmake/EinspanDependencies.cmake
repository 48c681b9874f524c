# Every dependency is a Debian package found through its CMake config; see README "Dependencies".
find_package(Boost 1.74 REQUIRED)          # Boost.MP11: the element-type list and dtype dispatch
find_package(fmt 9 REQUIRED)               # printing and error messages
find_package(Eigen3 3.4 REQUIRED NO_MODULE) # GEMM kernels for einsum, sparse interop
find_package(OpenMP REQUIRED)              # parallel kernels
find_package(hwy 1.0 REQUIRED)             # Highway: SIMD kernels per instruction set, chosen at run time
if(EINSPAN_USE_OPENBLAS)
  set(BLA_VENDOR OpenBLAS)                 # not whatever libblas.so the alternatives point at
  find_package(BLAS REQUIRED)              # BLAS::BLAS, einsum's GEMM (libopenblas-dev)
endif()
