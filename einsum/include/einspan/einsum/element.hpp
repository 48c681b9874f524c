#pragma once
// The element types einsum runs on: every einspan element type but bool (NumPy's einsum of bools
// is a logical or of ands, a kernel einspan does not have; write astype<int64_t>() first).
#include <concepts>
#include <einspan/tensor/element.hpp>

namespace einspan {

template <class T>
concept EinsumElement = Element<T> && !std::same_as<T, bool>;

// Every einsum element type, for the explicit instantiations in einsum/src.
#define EINSPAN_FOR_EACH_EINSUM_TYPE(X)                                                                           \
  X(float) X(double) X(std::int32_t) X(std::int64_t) X(std::uint8_t) X(std::int8_t) X(std::uint16_t) X(std::int16_t) \
  X(std::uint32_t) X(std::uint64_t)

}  // namespace einspan
