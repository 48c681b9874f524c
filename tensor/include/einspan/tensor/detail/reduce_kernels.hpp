#pragma once
// Entry points of the dispatched contiguous min/max and argmin/argmax scans (src/minmax_kernels.cpp,
// compiled once per instruction-set level, chosen at run time: isa.hpp). The sums' entry points
// are in pairwise_sum.hpp, next to the order they follow.
#include <cstdint>
#include <einspan/tensor/dims.hpp>
#include <type_traits>

namespace einspan::detail {

// Rows of at most this many floating elements are scanned in two passes (the best value, then its
// first index), which is faster than the compare-and-blend chain for short rows.
inline constexpr index_t arg_short_row_max = 128;

// Smallest / largest of p[0..n), NaN if any is NaN; n >= 4 registers' worth (16 doubles, 32 floats).
float min_contiguous(const float* p, index_t n);
double min_contiguous(const double* p, index_t n);
float max_contiguous(const float* p, index_t n);
double max_contiguous(const double* p, index_t n);

// o[j * out_stride] = the index of the first smallest / largest element (the first NaN if any) of
// row j, q + j * row_stride with `length` >= 1 unit-stride elements, for j in [0, rows).
#define EINSPAN_DECLARE_ARG_SCAN(T)                                                                              \
  void argmin_rows(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o, index_t out_stride); \
  void argmax_rows(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o, index_t out_stride);
EINSPAN_DECLARE_ARG_SCAN(float)
EINSPAN_DECLARE_ARG_SCAN(double)
EINSPAN_DECLARE_ARG_SCAN(std::int32_t)
EINSPAN_DECLARE_ARG_SCAN(std::uint32_t)
EINSPAN_DECLARE_ARG_SCAN(std::int64_t)
EINSPAN_DECLARE_ARG_SCAN(std::uint64_t)
#undef EINSPAN_DECLARE_ARG_SCAN

// Whether T has an argmin_rows / argmax_rows kernel above.
template <class T>
inline constexpr bool has_arg_scan_kernel =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>;

}  // namespace einspan::detail
