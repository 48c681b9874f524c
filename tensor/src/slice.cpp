#include <algorithm>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/slice.hpp>
#include <limits>

namespace einspan {

SliceRange resolve_slice(const Slice& slice, index_t n) {
  if (slice.step == 0) throw ValueError("slice step cannot be zero");
  // CPython clamps the step to -PY_SSIZE_T_MAX, so that negating it cannot overflow.
  const index_t step = std::max(slice.step, -std::numeric_limits<index_t>::max());
  // Python's PySlice_AdjustIndices: negative bounds count from the end, then clamp.
  const auto adjust = [&](std::optional<index_t> bound, index_t if_omitted) {
    if (!bound) return if_omitted;
    index_t b = *bound;
    if (b < 0) {
      b += n;
      if (b < 0) b = step < 0 ? -1 : 0;
    } else if (b >= n) {
      b = step < 0 ? n - 1 : n;
    }
    return b;
  };
  const index_t start = adjust(slice.start, step < 0 ? n - 1 : 0);
  const index_t stop = adjust(slice.stop, step < 0 ? -1 : n);
  index_t length = 0;
  if (step < 0 && stop < start) length = (start - stop - 1) / (-step) + 1;
  if (step > 0 && start < stop) length = (stop - start - 1) / step + 1;
  return SliceRange{start, length, step};
}

namespace {

index_t checked_position(index_t i, index_t n, std::size_t axis) {
  if (i < -n || i >= n)
    throw IndexError(fmt::format("index {} is out of bounds for axis {} with size {}", i, axis, n));
  return i < 0 ? i + n : i;
}

}  // namespace

Layout apply_indices(const Layout& layout, std::span<const Index> indices) {
  Layout out;
  detail::apply_indices_into(layout, indices, out);
  return out;
}

void detail::apply_indices_into(const Layout& layout, std::span<const Index> indices, Layout& out) {
  std::size_t consumed = 0;  // how many input axes the index expression names explicitly
  bool has_ellipsis = false;
  for (const Index& index : indices) {
    const auto& e = index.entry();
    if (std::holds_alternative<Ellipsis>(e)) {
      if (has_ellipsis) throw IndexError("an index can only have a single ellipsis ('...')");
      has_ellipsis = true;
    } else if (!std::holds_alternative<NewAxis>(e)) {
      ++consumed;
    }
  }
  if (consumed > layout.ndim())
    throw IndexError(fmt::format("too many indices for array: array is {}-dimensional, but {} were indexed",
                                 layout.ndim(), consumed));

  out.offset = layout.offset;
  // An empty layout's strides may have wrapped (row_major_strides of (0, 2**40, 2**40)) and are
  // never used: its view keeps them and its offset, with no stride arithmetic. Tested by a zero
  // dimension, not size() == 0, which a huge broadcast view's wrapped size can also give.
  const bool source_empty = std::find(layout.shape.begin(), layout.shape.end(), 0) != layout.shape.end();
  bool empty = source_empty;
  std::size_t axis = 0;
  const auto keep_axis = [&](index_t size, index_t stride) {
    out.shape.push_back(size);
    out.strides.push_back(stride);
  };
  for (const Index& index : indices) {
    std::visit(
        [&](const auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, index_t>) {
            const index_t i = checked_position(e, layout.shape[axis], axis);
            if (!source_empty) out.offset += i * layout.strides[axis];
            ++axis;
          } else if constexpr (std::is_same_v<E, Slice>) {
            const SliceRange r = resolve_slice(e, layout.shape[axis]);
            // An empty result keeps its offset so the data pointer stays inside the buffer.
            if (r.length > 0 && !source_empty) out.offset += r.start * layout.strides[axis];
            empty = empty || r.length == 0;
            // With two or more elements of a non-empty layout the step stays inside the axis, so
            // stride * step fits; with one or none it is never used and may overflow (a step of
            // 2**62), so it is not formed.
            const bool stepped = r.length > 1 && !source_empty;
            keep_axis(r.length, stepped ? layout.strides[axis] * r.step : layout.strides[axis]);
            ++axis;
          } else if constexpr (std::is_same_v<E, NewAxis>) {
            keep_axis(1, 0);
          } else {
            for (std::size_t skip = layout.ndim() - consumed; skip > 0; --skip, ++axis)
              keep_axis(layout.shape[axis], layout.strides[axis]);
          }
        },
        index.entry());
  }
  for (; axis < layout.ndim(); ++axis) keep_axis(layout.shape[axis], layout.strides[axis]);
  if (empty) out.offset = layout.offset;
}

}  // namespace einspan
