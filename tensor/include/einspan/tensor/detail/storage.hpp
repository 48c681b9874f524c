#pragma once
// One 64-byte aligned buffer shared by a tensor and all of its views.
#include <cstddef>
#include <einspan/tensor/dims.hpp>
#include <memory>
#include <new>
#ifdef __linux__
#include <sys/mman.h>
#endif

namespace einspan::detail {

inline constexpr std::size_t buffer_alignment = 64;

// Buffers of 4 MiB or more are aligned to 2 MiB and advised as transparent huge pages, as NumPy
// does for its large arrays: a fresh 64 MiB result then takes 32 page faults instead of 16384,
// which otherwise dominate `a + b` on large tensors when THP is in "madvise" mode.
inline constexpr std::size_t huge_page = std::size_t{2} << 20;
inline constexpr std::size_t huge_threshold = std::size_t{4} << 20;

// An uninitialised buffer for n elements (at least one cache line, so data() is never null).
template <class T>
std::shared_ptr<T> allocate_buffer(index_t n) {
  const std::size_t bytes = std::max<std::size_t>(static_cast<std::size_t>(n) * sizeof(T), buffer_alignment);
  const std::size_t alignment = bytes >= huge_threshold ? huge_page : buffer_alignment;
  void* raw = ::operator new(bytes, std::align_val_t{alignment});
#ifdef __linux__
  if (alignment == huge_page) madvise(raw, bytes / huge_page * huge_page, MADV_HUGEPAGE);  // a hint; failure is harmless
#endif
  return std::shared_ptr<T>(static_cast<T*>(raw), [alignment](T* p) {
    ::operator delete(static_cast<void*>(p), std::align_val_t{alignment});
  });
}

}  // namespace einspan::detail
