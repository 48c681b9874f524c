#pragma once
// The element types a Tensor may hold, as a Boost.MP11 list so that run-time dtype dispatch
// (npy I/O, AnyTensor) and tests can iterate over them.
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <concepts>
#include <cstdint>

namespace einspan {

// The first five are einspan's original types; NumPy's other integer types follow, so that the
// DType numbering of the first five (any_tensor.hpp) did not change when they were added.
using element_types = boost::mp11::mp_list<float, double, std::int32_t, std::int64_t, bool, std::uint8_t, std::int8_t,
                                           std::uint16_t, std::int16_t, std::uint32_t, std::uint64_t>;

template <class T>
inline constexpr bool is_element_v = boost::mp11::mp_contains<element_types, T>::value;

template <class T>
concept Element = is_element_v<T>;

// An integer element type (bool excluded): what index arrays, labels and bincount accept.
template <class T>
concept IntegerElement = Element<T> && std::integral<T> && !std::same_as<T, bool>;

}  // namespace einspan
