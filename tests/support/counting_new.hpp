#pragma once
// Replaces the global operator new/delete with versions that count allocations, so a test can
// assert that an operation performs none. Include it in exactly one file of a test program.
// Every form is replaced, the nothrow ones too (std::stable_sort's buffer uses them), so that
// each allocation pairs with the matching delete under AddressSanitizer.
#include <atomic>
#include <cstdlib>
#include <new>

namespace einspan_test {

inline std::atomic<long> allocations{0};

// Heap allocations made while running f.
template <class F>
long allocations_during(F&& f) {
  const long before = allocations.load();
  f();
  return allocations.load() - before;
}

namespace detail {
inline void* counted_alloc(std::size_t size, std::size_t alignment) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  void* p = alignment <= alignof(std::max_align_t)
                ? std::malloc(size)
                : std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
  if (!p) throw std::bad_alloc();
  return p;
}

inline void* counted_alloc_nothrow(std::size_t size, std::size_t alignment) noexcept {
  try {
    return counted_alloc(size, alignment);
  } catch (...) {
    return nullptr;
  }
}

// Out of line, so that g++ does not pair an inlined free() with operator new and warn.
[[gnu::noinline]] inline void counted_free(void* p) noexcept { std::free(p); }
}  // namespace detail

}  // namespace einspan_test

namespace einspan_test_counting_new {
constexpr std::size_t default_alignment = alignof(std::max_align_t);
}  // namespace einspan_test_counting_new

void* operator new(std::size_t size) {
  return einspan_test::detail::counted_alloc(size, einspan_test_counting_new::default_alignment);
}
void* operator new[](std::size_t size) {
  return einspan_test::detail::counted_alloc(size, einspan_test_counting_new::default_alignment);
}
void* operator new(std::size_t size, std::align_val_t a) {
  return einspan_test::detail::counted_alloc(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a) {
  return einspan_test::detail::counted_alloc(size, static_cast<std::size_t>(a));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return einspan_test::detail::counted_alloc_nothrow(size, einspan_test_counting_new::default_alignment);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return einspan_test::detail::counted_alloc_nothrow(size, einspan_test_counting_new::default_alignment);
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return einspan_test::detail::counted_alloc_nothrow(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return einspan_test::detail::counted_alloc_nothrow(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { einspan_test::detail::counted_free(p); }
void operator delete[](void* p) noexcept { einspan_test::detail::counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { einspan_test::detail::counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { einspan_test::detail::counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { einspan_test::detail::counted_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  einspan_test::detail::counted_free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  einspan_test::detail::counted_free(p);
}
