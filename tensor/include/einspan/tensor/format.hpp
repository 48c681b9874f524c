#pragma once
// Printing tensors as NumPy prints arrays. fmt::format("{}", t) gives exactly what repr(a) gives
// in NumPy with the default print options (precision=8, threshold=1000, edgeitems=3,
// linewidth=75, floatmode='maxprec', suppress=False):
//
//   array([[10, 20],
//          [50, 60]])
//   array([1. , 2.5])          array([1.e-05, 1.e+00])          array([ True, False])
//   array(5)                   array([0, 1, 2], dtype=int32)    array([], shape=(2, 0), dtype=float64)
//   array([250,   4], dtype=uint8)
//
// tests/tensor/format_test.cpp checks this against repr() strings produced by NumPy itself
// (tests/data/make_format_goldens.py). Known differences from NumPy:
// - Print options are fixed at NumPy's defaults; there is no set_printoptions.
// - Floats use the shortest round-trip digits (std::to_chars) where NumPy uses Dragon4. Both
//   give the shortest string that reads back to the same value, so the text agrees; the two
//   could differ only in the last digit of a value rounded at the 8-digit cutoff that lies exactly
//   half-way between two 8-digit decimals.
// - bool arrays print dtype-free as in NumPy; there is no structured, complex or datetime dtype.
#include <einspan/tensor/element.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/tensor.hpp>
#include <fmt/format.h>
#include <string>

namespace einspan {

// NumPy's repr(a) of the tensor, e.g. "array([[1, 2],\n       [3, 4]])". Reads the elements
// through the view (no copy of the tensor); tensors over 1000 elements are summarised with "...".
template <Element T>
std::string array_repr(const Tensor<T>& t);

// NumPy's str(a), as print(a) shows it: "[[1 2]\n [3 4]]". A 0-d tensor prints its element as
// Python prints the scalar ("5", "2.5", "True").
template <Element T>
std::string array_str(const Tensor<T>& t);

// The dtype name NumPy uses for T: "float32", "float64", "bool", "uint8", "int8", "uint16",
// "int16", "uint32", "int32", "uint64", "int64".
template <Element T>
constexpr const char* dtype_name();

// Definitions live in format.cpp, compiled once for every element type.
#define EINSPAN_DECLARE_FORMAT(T)                         \
  extern template std::string array_repr(const Tensor<T>&); \
  extern template std::string array_str(const Tensor<T>&);
EINSPAN_DECLARE_FORMAT(float)
EINSPAN_DECLARE_FORMAT(double)
EINSPAN_DECLARE_FORMAT(std::int32_t)
EINSPAN_DECLARE_FORMAT(std::int64_t)
EINSPAN_DECLARE_FORMAT(bool)
EINSPAN_DECLARE_FORMAT(std::uint8_t)
EINSPAN_DECLARE_FORMAT(std::int8_t)
EINSPAN_DECLARE_FORMAT(std::uint16_t)
EINSPAN_DECLARE_FORMAT(std::int16_t)
EINSPAN_DECLARE_FORMAT(std::uint32_t)
EINSPAN_DECLARE_FORMAT(std::uint64_t)
#undef EINSPAN_DECLARE_FORMAT

template <Element T>
constexpr const char* dtype_name() {
  return detail::type_name<T>().data();  // the names are string literals, so NUL-terminated
}

}  // namespace einspan

// "{}" prints NumPy's repr, "{:s}" NumPy's str.
template <einspan::Element T>
struct fmt::formatter<einspan::Tensor<T>> {
  bool as_str = false;

  constexpr auto parse(fmt::format_parse_context& ctx) {
    auto it = ctx.begin();
    if (it != ctx.end() && *it == 's') {
      as_str = true;
      ++it;
    }
    if (it != ctx.end() && *it != '}') throw fmt::format_error("Tensor format spec must be {} (repr) or {:s} (str)");
    return it;
  }

  template <class Context>
  auto format(const einspan::Tensor<T>& t, Context& ctx) const {
    const std::string text = as_str ? einspan::array_str(t) : einspan::array_repr(t);
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};
