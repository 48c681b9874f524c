#pragma once
// One 64-byte aligned buffer shared by a tensor and all of its views.
#include <array>
#include <cstddef>
#include <einspan/tensor/dims.hpp>
#include <memory>
#include <mutex>
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

// A few recently freed large buffers, kept for the next allocation of exactly the same size.
//
// Why: NumPy-style code allocates the same large temporaries on every iteration of a loop (the
// k-means assignment `((data[:, None] - centroids[None])**2).sum(2)` makes two 27 MB arrays per
// call). glibc returns such blocks to the kernel on free, so every call paid first-touch page
// faults that zero the memory again: a third of the call's time (perf: clear_page_erms). Reusing
// the block skips that. Bounded (cache_entries buffers, cache_max_bytes in total) so that the
// memory held back stays small next to what the program itself just had live.
inline constexpr std::size_t cache_min_bytes = std::size_t{256} << 10;
// Under AddressSanitizer nothing is kept, so that a use after free of a large buffer is still
// reported rather than hidden by the buffer's reuse.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr std::size_t cache_max_bytes = 0;
#else
inline constexpr std::size_t cache_max_bytes = std::size_t{256} << 20;
#endif
inline constexpr std::size_t cache_entries = 8;

class BufferCache {
 public:
  // A cached block of exactly `bytes` (allocated with `alignment`), or nullptr.
  void* take(std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < count_; ++i) {
      if (slots_[i].bytes != bytes) continue;
      void* p = slots_[i].ptr;
      held_ -= bytes;
      slots_[i] = slots_[--count_];
      return p;
    }
    return nullptr;
  }
  // Keeps p for reuse when it fits, otherwise frees it (or the oldest block, to make room).
  void give(void* p, std::size_t bytes, std::size_t alignment) {
    Slot evicted{};
    {
      const std::lock_guard lock(mutex_);
      if (bytes > cache_max_bytes) {
        evicted = Slot{p, bytes, alignment};
      } else {
        // Make room by dropping the oldest blocks (slot 0 is the oldest).
        while (count_ > 0 && (count_ == cache_entries || held_ + bytes > cache_max_bytes)) {
          release(slots_[0]);
          held_ -= slots_[0].bytes;
          for (std::size_t i = 1; i < count_; ++i) slots_[i - 1] = slots_[i];
          --count_;
        }
        slots_[count_++] = Slot{p, bytes, alignment};
        held_ += bytes;
      }
    }
    if (evicted.ptr) release(evicted);
  }

 private:
  struct Slot {
    void* ptr = nullptr;
    std::size_t bytes = 0;
    std::size_t alignment = 0;
  };
  static void release(const Slot& s) { ::operator delete(s.ptr, std::align_val_t{s.alignment}); }

  std::mutex mutex_;
  std::array<Slot, cache_entries> slots_{};
  std::size_t count_ = 0;
  std::size_t held_ = 0;
};

// Never destroyed, so that tensors freed during static destruction can still return buffers
// (the cached blocks stay reachable from here, so leak checkers do not report them).
inline BufferCache& buffer_cache() {
  static BufferCache* cache = new BufferCache;
  return *cache;
}

// Frees (or caches) a buffer made by allocate_buffer. A named type so that owned_buffer() can
// recognise our own buffers among those wrapped by from_external/adopt.
template <class T>
struct BufferDeleter {
  std::size_t bytes;
  std::size_t alignment;
  void operator()(T* p) const {
    if (bytes >= cache_min_bytes) buffer_cache().give(static_cast<void*>(p), bytes, alignment);
    else ::operator delete(static_cast<void*>(p), std::align_val_t{alignment});
  }
};

// An uninitialised buffer for n elements (at least one cache line, so data() is never null).
template <class T>
std::shared_ptr<T> allocate_buffer(index_t n) {
  const std::size_t bytes = std::max<std::size_t>(static_cast<std::size_t>(n) * sizeof(T), buffer_alignment);
  const std::size_t alignment = bytes >= huge_threshold ? huge_page : buffer_alignment;
  void* raw = bytes >= cache_min_bytes ? buffer_cache().take(bytes) : nullptr;
  if (!raw) {
    raw = ::operator new(bytes, std::align_val_t{alignment});
#ifdef __linux__
    if (alignment == huge_page) madvise(raw, bytes / huge_page * huge_page, MADV_HUGEPAGE);  // a hint; failure is harmless
#endif
  }
  return std::shared_ptr<T>(static_cast<T*>(raw), BufferDeleter<T>{bytes, alignment});
}

// True when `buffer` was made by allocate_buffer and no other handle shares it: a temporary
// that a function may overwrite in place instead of allocating its result (never true for
// from_external/adopt memory, which belongs to the caller).
template <class T>
bool owned_buffer(const std::shared_ptr<T>& buffer) {
  return buffer.use_count() == 1 && std::get_deleter<BufferDeleter<T>>(buffer) != nullptr;
}

}  // namespace einspan::detail
