#pragma once
// Dims: the shape or strides of a tensor. Ranks up to 8 live inline, so creating a view never
// touches the heap; higher ranks spill to a heap array transparently. Iterators are plain
// pointers, so a Dims converts to std::span<const index_t>.
#include <algorithm>
#include <array>
#include <cstring>
#include <cstdint>
#include <fmt/format.h>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>

namespace einspan {

using index_t = std::int64_t;
inline constexpr std::size_t inline_rank = 8;

class Dims {
 public:
  using value_type = index_t;
  using iterator = index_t*;
  using const_iterator = const index_t*;

  Dims() = default;
  explicit Dims(std::size_t n, index_t value = 0) { resize(n, value); }
  Dims(std::initializer_list<index_t> values) : Dims(values.begin(), values.end()) {}
  template <class It>
  Dims(It first, It last) {
    const auto n = static_cast<std::size_t>(std::distance(first, last));
    if (n <= inline_rank) {
      // A loop with a constant bound: std::copy of a few elements compiles to a memmove call,
      // which was a fifth of the cost of creating a view.
      for (std::size_t i = 0; i < inline_rank; ++i)
        if (i < n) inline_[i] = *first++;
      size_ = n;
    } else {
      resize(n);
      std::copy(first, last, begin());
    }
  }
  Dims(std::span<const index_t> values) : Dims(values.begin(), values.end()) {}
  Dims(const Dims& other) {
    if (other.heap_) {
      resize(other.size_);
      std::copy(other.begin(), other.end(), begin());
    } else {
      copy_inline(other);
    }
  }
  Dims& operator=(const Dims& other) {
    if (this == &other) return *this;
    if (!heap_ && !other.heap_) {
      copy_inline(other);
    } else {
      resize(other.size());
      std::copy(other.begin(), other.end(), begin());
    }
    return *this;
  }
  Dims(Dims&& other) noexcept { *this = std::move(other); }
  Dims& operator=(Dims&& other) noexcept {
    if (this == &other) return *this;
    if (other.heap_) {
      size_ = other.size_;
      capacity_ = other.capacity_;
      heap_ = std::move(other.heap_);
    } else {
      heap_.reset();
      capacity_ = inline_rank;
      copy_inline(other);
    }
    other.size_ = 0;
    other.capacity_ = inline_rank;
    return *this;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  index_t* data() { return heap_ ? heap_.get() : inline_.data(); }
  const index_t* data() const { return heap_ ? heap_.get() : inline_.data(); }
  index_t* begin() { return data(); }
  index_t* end() { return data() + size_; }
  const index_t* begin() const { return data(); }
  const index_t* end() const { return data() + size_; }
  index_t& operator[](std::size_t i) { return data()[i]; }
  const index_t& operator[](std::size_t i) const { return data()[i]; }
  index_t& back() { return data()[size_ - 1]; }
  const index_t& back() const { return data()[size_ - 1]; }

  void resize(std::size_t n, index_t value = 0) {
    reserve(n);
    if (n > size_) std::fill(data() + size_, data() + n, value);
    size_ = n;
  }
  void push_back(index_t value) {
    if (size_ < capacity_) data()[size_++] = value;
    else resize(size_ + 1, value);
  }
  void insert(std::size_t position, index_t value) {
    resize(size_ + 1);
    std::copy_backward(begin() + position, end() - 1, end());
    data()[position] = value;
  }
  void erase(std::size_t position) {
    std::copy(begin() + position + 1, end(), begin() + position);
    --size_;
  }
  template <class It>
  void assign(It first, It last) {
    *this = Dims(first, last);
  }

  friend bool operator==(const Dims& a, const Dims& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

 private:
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    auto grown = std::make_unique<index_t[]>(std::max(n, 2 * capacity_));
    std::copy(begin(), end(), grown.get());
    heap_ = std::move(grown);
    capacity_ = std::max(n, 2 * capacity_);
  }

  // The whole inline array in one fixed-size copy (two vector moves, no call). Copying bytes that
  // were never written is fine through memcpy, which copies object representations.
  void copy_inline(const Dims& other) {
    std::memcpy(inline_.data(), other.inline_.data(), sizeof(inline_));
    size_ = other.size_;
  }

  std::size_t size_ = 0;
  std::size_t capacity_ = inline_rank;
  // Deliberately not zeroed: only the first size_ entries are ever read, and zeroing 64 bytes per
  // Dims was a third of the cost of creating a view.
  std::array<index_t, inline_rank> inline_;
  std::unique_ptr<index_t[]> heap_;
};

// Number of elements of a shape (1 for the 0-d shape ()). Multiplied unsigned, so a shape whose
// count does not fit wraps instead of being undefined; tensors check before they allocate.
inline index_t shape_size(std::span<const index_t> shape) {
  std::uint64_t n = 1;
  for (index_t d : shape) n *= static_cast<std::uint64_t>(d);
  return static_cast<index_t>(n);
}

namespace detail {
// Throws ValueError when a buffer for `shape` with elements of `element_bytes` bytes would exceed
// the address space (NumPy's "array is too big" check), before the size wraps or reaches the
// allocator. Dimensions must be non-negative.
void check_allocation_size(std::span<const index_t> shape, std::size_t element_bytes);
}  // namespace detail

// Python's tuple repr, as NumPy prints `a.shape`: "(4, 3)", "(3,)", "()".
std::string format_shape(std::span<const index_t> shape);

// The compact form NumPy uses inside error messages: "(4,3)", "(3,)", "()".
std::string format_shape_compact(std::span<const index_t> shape);

}  // namespace einspan

template <>
struct fmt::formatter<einspan::Dims> : fmt::formatter<std::string> {
  template <class Context>
  auto format(const einspan::Dims& dims, Context& ctx) const {
    return fmt::formatter<std::string>::format(einspan::format_shape(dims), ctx);
  }
};
