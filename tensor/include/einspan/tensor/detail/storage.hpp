#pragma once
// One 64-byte aligned buffer shared by a tensor and all of its views.
#include <cstddef>
#include <einspan/tensor/dims.hpp>
#include <memory>
#include <new>

namespace einspan::detail {

inline constexpr std::size_t buffer_alignment = 64;

// An uninitialised buffer for n elements (at least one cache line, so data() is never null).
template <class T>
std::shared_ptr<T> allocate_buffer(index_t n) {
  const std::size_t bytes = std::max<std::size_t>(static_cast<std::size_t>(n) * sizeof(T), buffer_alignment);
  void* raw = ::operator new(bytes, std::align_val_t{buffer_alignment});
  return std::shared_ptr<T>(static_cast<T*>(raw),
                            [](T* p) { ::operator delete(static_cast<void*>(p), std::align_val_t{buffer_alignment}); });
}

}  // namespace einspan::detail
