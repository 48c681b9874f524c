// Creating a view never touches the heap for rank <= 8: shape and strides live inline in Dims and
// the buffer is shared by reference count. This file replaces the global operator new to count
// allocations around each view operation.
#include <atomic>
#include <cstdlib>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <new>

namespace {
std::atomic<long> allocations{0};

void* counted_alloc(std::size_t size, std::size_t alignment) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  void* p = alignment <= alignof(std::max_align_t)
                ? std::malloc(size)
                : std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
  if (!p) throw std::bad_alloc();
  return p;
}

// Out of line, so that g++ does not pair an inlined free() with operator new and warn.
[[gnu::noinline]] void counted_free(void* p) noexcept { std::free(p); }
}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size, alignof(std::max_align_t)); }
void* operator new[](std::size_t size) { return counted_alloc(size, alignof(std::max_align_t)); }
void* operator new(std::size_t size, std::align_val_t a) { return counted_alloc(size, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_alloc(size, static_cast<std::size_t>(a)); }
// The nothrow forms too (std::stable_sort's buffer uses them), so that every pair matches under ASan.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(size, alignof(std::max_align_t));
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }

using namespace einspan;

namespace {

// Heap allocations made while running f (which builds a view and lets it go).
template <class F>
long allocations_during(F&& f) {
  const long before = allocations.load();
  f();
  return allocations.load() - before;
}

}  // namespace

TEST(alloc, the_counter_sees_allocations) {
  EXPECT_GE(allocations_during([] { (void)zeros<double>({2, 2}); }), 1);
  // Rank 9 spills shape and strides to the heap: the counter must notice.
  const auto t = zeros<double>({1, 1, 1, 1, 1, 1, 1, 1, 2});
  EXPECT_GE(allocations_during([&] { (void)t.T(); }), 1);
}

TEST(alloc, creating_views_allocates_nothing_at_rank_8) {
  const auto t = zeros<double>({2, 3, 1, 4, 2, 1, 3, 2});  // rank 8
  const auto m = zeros<double>({6, 8});
  const Dims target{5, 6, 8};
  EXPECT_EQ(allocations_during([&] { (void)t[{1, slice(_, _, -1), _, slice(1, 3)}]; }), 0) << "slicing";
  EXPECT_EQ(allocations_during([&] { (void)t[{ellipsis, 0}]; }), 0) << "ellipsis";
  EXPECT_EQ(allocations_during([&] { (void)t[{0, newaxis}]; }), 0) << "newaxis";
  EXPECT_EQ(allocations_during([&] { (void)t[1]; }), 0) << "integer index";
  EXPECT_EQ(allocations_during([&] { (void)t.T(); }), 0) << "T";
  EXPECT_EQ(allocations_during([&] { (void)t.transpose({7, 6, 5, 4, 3, 2, 1, 0}); }), 0) << "transpose(axes)";
  EXPECT_EQ(allocations_during([&] { (void)t.swapaxes(0, 7); }), 0) << "swapaxes";
  EXPECT_EQ(allocations_during([&] { (void)t.squeeze(); }), 0) << "squeeze";
  EXPECT_EQ(allocations_during([&] { (void)t.squeeze(2); }), 0) << "squeeze(axis)";
  EXPECT_EQ(allocations_during([&] { (void)m.expand_dims(1); }), 0) << "expand_dims";
  EXPECT_EQ(allocations_during([&] { (void)t.diagonal(0, 1, 6); }), 0) << "diagonal";
  EXPECT_EQ(allocations_during([&] { (void)m.broadcast_to(target); }), 0) << "broadcast_to";
  EXPECT_EQ(allocations_during([&] { (void)m.reshape({2, 3, 2, 4}); }), 0) << "reshape (view)";
  EXPECT_EQ(allocations_during([&] { (void)m.reshape({-1}); }), 0) << "reshape(-1)";
  EXPECT_EQ(allocations_during([&] { (void)m.contiguous(); }), 0) << "contiguous of a contiguous tensor";
  EXPECT_EQ(allocations_during([&] { Tensor<double> copy = t; (void)copy; }), 0) << "copying the handle";
}

TEST(alloc, copies_do_allocate) {
  const auto m = zeros<double>({6, 8});
  EXPECT_GE(allocations_during([&] { (void)m.T().reshape({-1}); }), 1);  // reshape that must copy
  EXPECT_GE(allocations_during([&] { (void)m.copy(); }), 1);
}
