#pragma once
// The data movement of advanced indexing: copying the blocks an AdvancedPlan selects out of a
// tensor (gather, a[idx] read) or into it (scatter, a[idx] = v). The plan holds the arithmetic.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <einspan/tensor/any_index.hpp>
#include <einspan/tensor/detail/copy.hpp>

namespace einspan::detail {

// A layout of the plan's result shape split into the index dimensions and the block dimensions
// (the result seen with its index dimensions first).
struct SplitLayout {
  Layout index;  // shape index_shape
  Layout block;  // shape plan.block.shape
};

inline SplitLayout split_by_plan(const Layout& result, const AdvancedPlan& plan) {
  SplitLayout split;
  split.index.offset = result.offset;
  const std::size_t first = plan.index_axis, count = plan.index_shape.size();
  for (std::size_t i = 0; i < result.ndim(); ++i) {
    Layout& part = i >= first && i < first + count ? split.index : split.block;
    part.shape.push_back(result.shape[i]);
    part.strides.push_back(result.strides[i]);
  }
  return split;
}

// Copies one block between two layouts of the same shape; chooses once how, since it runs once
// per index position (a million times for a[idx] with a million rows). Holds its layouts by value:
// callers pass temporaries (Layout::row_major(...)).
template <class D, class S>
class BlockCopy {
 public:
  BlockCopy(const Layout& dst, const Layout& src)
      : dst_(dst), src_(src), size_(dst.size()),
        contiguous_(dst.is_c_contiguous() && src.is_c_contiguous()) {}
  void operator()(D* dst, const S* src) const {
    if (size_ == 1) {
      *dst = static_cast<D>(*src);
    } else if (contiguous_) {
      std::copy_n(src, size_, dst);
    } else {
      copy_elements(dst, dst_, src, src_);
    }
  }

 private:
  Layout dst_;
  Layout src_;
  index_t size_;
  bool contiguous_;
};

// Calls f(source_offset, result_pointer) for every index position in C order, where
// result_pointer is the first element of that position's block in `result` (index dims split
// out by split_by_plan).
template <class R, class F>
void for_each_position(const AdvancedPlan& plan, const Layout& result_index, R* result, F&& f) {
  const Dims offsets_strides = row_major_strides(plan.index_shape);
  const auto nest = make_loop_nest<2>(plan.index_shape, {std::span<const index_t>(offsets_strides),
                                                         std::span<const index_t>(result_index.strides)});
  for_each_element(nest, [&](const index_t& offset, R& first) { f(offset, &first); }, plan.offsets.get(),
                   result + result_index.offset);
}

// p[i] = value where mask[i], for i < n. Written as a bit blend on the elements' bytes: GCC does
// not vectorise `if (mask[i]) p[i] = value` nor the `?:` form (27 ms on 8M doubles at half
// density, a mispredicted branch per element); the blend runs in 5.4 ms (AMD EPYC Zen 4).
template <class E>
void fill_where(E* __restrict p, const bool* __restrict mask, index_t n, E value) {
  using Bits = std::conditional_t<sizeof(E) == 8, std::uint64_t,
                                  std::conditional_t<sizeof(E) == 4, std::uint32_t,
                                                     std::conditional_t<sizeof(E) == 2, std::uint16_t, std::uint8_t>>>;
  static_assert(sizeof(Bits) == sizeof(E));
  Bits v;
  std::memcpy(&v, &value, sizeof v);
  for (index_t i = 0; i < n; ++i) {
    Bits x;
    std::memcpy(&x, p + i, sizeof x);
    const Bits keep = static_cast<Bits>(static_cast<Bits>(mask[i]) - 1);  // all ones where not selected
    x = static_cast<Bits>((x & keep) | (v & static_cast<Bits>(~keep)));
    std::memcpy(p + i, &x, sizeof x);
  }
}

// Mask-rows plans (AdvancedPlan::mask_rows): one pass over the mask for each direction.
template <class E>
void gather_mask_rows(E* out, const E* source, const AdvancedPlan& plan) {
  const bool* mask = plan.mask_rows.get();
  const E* rows = source + plan.row_base;
  const index_t stride = plan.row_stride, block = plan.block.size();
  if (block == 1) {
    // Each element is written and the position advances only when it is selected: no branch to
    // mispredict on a random mask. The last unselected writes land at out[positions], so stop
    // the branch-free loop at the last selected row.
    index_t last = plan.rows;
    while (last > 0 && !mask[last - 1]) --last;
    index_t k = 0;
    for (index_t r = 0; r < last; ++r) {
      out[k] = rows[r * stride];
      k += mask[r];
    }
    return;
  }
  const BlockCopy<E, E> copy(Layout::row_major(plan.block.shape), plan.block);
  for (index_t r = 0; r < plan.rows; ++r)
    if (mask[r]) {
      copy(out, rows + r * stride);
      out += block;
    }
}

// out = source[plan], out fresh and C-contiguous of plan.shape.
template <class E>
void gather(E* out, const E* source, const AdvancedPlan& plan) {
  if (plan.mask_rows) return gather_mask_rows(out, source, plan);
  const index_t block = plan.block.size();
  if ((plan.index_axis == 0 || block == 1) && plan.block.is_c_contiguous()) {
    // Index dimensions first (a[idx], a[mask], eye(k)[labels]): the result is the blocks one after
    // another, each a run of the source; a plain loop, 9 ns a row faster than the general walk.
    const index_t* offsets = plan.offsets.get();
    if (block == 1) {
      for (index_t p = 0; p < plan.positions; ++p) out[p] = source[offsets[p]];
    } else {
      for (index_t p = 0; p < plan.positions; ++p) std::copy_n(source + offsets[p], block, out + p * block);
    }
    return;
  }
  const SplitLayout split = split_by_plan(Layout::row_major(plan.shape), plan);
  const BlockCopy<E, E> copy(split.block, plan.block);
  for_each_position(plan, split.index, out, [&](index_t offset, E* dst) { copy(dst, source + offset); });
}

// target[plan] = value, value already stretched to plan.shape (its layout `value_layout`, offsets
// from `value`). Positions are written in C order, so a repeated index keeps the last value (as
// NumPy documents).
template <class E, class V>
void scatter(E* target, const AdvancedPlan& plan, const V* value, const Layout& value_layout) {
  const index_t block = plan.block.size();
  if (plan.mask_rows) {
    // The value's blocks, index position by position, go to the selected rows in order.
    const SplitLayout split = split_by_plan(value_layout, plan);
    const BlockCopy<E, V> copy(plan.block, split.block);
    const bool* mask = plan.mask_rows.get();
    const V* v = value + split.index.offset;
    const index_t step = split.index.strides.empty() ? 0 : split.index.strides[0];
    for (index_t r = 0; r < plan.rows; ++r)
      if (mask[r]) {
        copy(target + plan.row_base + r * plan.row_stride, v);
        v += step;
      }
    return;
  }
  if (plan.index_axis == 0 && plan.block.is_c_contiguous() && value_layout.is_c_contiguous()) {
    // The mirror of gather's loop: the value's blocks one after another, each to one run.
    const index_t* offsets = plan.offsets.get();
    const V* v = value + value_layout.offset;
    for (index_t p = 0; p < plan.positions; ++p) std::copy_n(v + p * block, block, target + offsets[p]);
    return;
  }
  const SplitLayout split = split_by_plan(value_layout, plan);
  const BlockCopy<E, V> copy(plan.block, split.block);
  // The value is walked through const pointers, the target through its offsets.
  for_each_position(plan, split.index, value, [&](index_t offset, const V* src) { copy(target + offset, src); });
}

// target[plan] = value for one value.
template <class E>
void scatter_fill(E* target, const AdvancedPlan& plan, E value) {
  const auto nest = make_loop_nest<1>(plan.block.shape, {std::span<const index_t>(plan.block.strides)});
  const index_t size = plan.block.size();
  if (plan.mask_rows) {
    const bool* mask = plan.mask_rows.get();
    E* rows = target + plan.row_base;
    if (size == 1 && plan.row_stride == 1) {
      fill_where(rows, mask, plan.rows, value);
      return;
    }
    for (index_t r = 0; r < plan.rows; ++r)
      if (mask[r]) for_each_element(nest, [value](E& x) { x = value; }, rows + r * plan.row_stride);
    return;
  }
  for (const index_t offset : plan.offset_list()) {
    if (size == 1) {
      target[offset] = value;
    } else {
      for_each_element(nest, [value](E& x) { x = value; }, target + offset);
    }
  }
}

}  // namespace einspan::detail
