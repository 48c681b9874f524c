#include <einspan/tensor/error.hpp>
#include <einspan/tensor/tile_repeat.hpp>

namespace einspan::detail {

namespace {

void check_count(index_t count) {
  if (count < 0) throw ValueError("negative dimensions are not allowed");
}

// A dimension of the result, or NumPy's "array is too big" when it does not fit int64 (the
// allocation check that follows would only see the wrapped value).
ValueError too_big(index_t a, index_t b) {
  return ValueError(fmt::format("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
                                "possible size (a dimension of {} x {})",
                                a, b));
}

index_t checked_product(index_t a, index_t b) {
  index_t out;
  if (__builtin_mul_overflow(a, b, &out)) throw too_big(a, b);
  return out;
}

}  // namespace

TileLayouts tile_layouts(const Layout& a, std::span<const index_t> reps) {
  for (const index_t r : reps) check_count(r);
  const std::size_t rank = std::max(a.ndim(), reps.size());
  const std::size_t pad_a = rank - a.ndim(), pad_reps = rank - reps.size();
  TileLayouts out;
  out.source.offset = a.offset;
  for (std::size_t i = 0; i < rank; ++i) {
    const index_t r = i < pad_reps ? 1 : reps[i - pad_reps];
    const index_t d = i < pad_a ? 1 : a.shape[i - pad_a];
    const index_t s = i < pad_a ? 0 : a.strides[i - pad_a];
    out.source.shape.push_back(r);
    out.source.strides.push_back(0);
    out.source.shape.push_back(d);
    out.source.strides.push_back(s);
    out.shape.push_back(checked_product(r, d));
  }
  return out;
}

TileLayouts repeat_layouts(const Layout& a, index_t repeats, index_t axis) {
  check_count(repeats);
  const std::size_t k = normalize_axis(axis, a.ndim());
  TileLayouts out;
  out.source = a;
  out.source.shape.insert(k + 1, repeats);
  out.source.strides.insert(k + 1, 0);
  out.shape = a.shape;
  out.shape[k] = checked_product(out.shape[k], repeats);
  return out;
}

Tensor<std::int64_t> repeat_indices(std::span<const index_t> counts, index_t n) {
  if (static_cast<index_t>(counts.size()) != n)
    throw ShapeError(fmt::format("operands could not be broadcast together with shape ({},) ({},)", n, counts.size()));
  index_t total = 0;
  for (const index_t c : counts) {
    if (c < 0) throw ValueError("repeats may not contain negative values.");
    if (__builtin_add_overflow(total, c, &total)) throw too_big(n, c);
  }
  auto out = Tensor<std::int64_t>::fresh({total});
  std::int64_t* p = out.data();
  for (index_t i = 0; i < n; ++i) p = std::fill_n(p, counts[static_cast<std::size_t>(i)], i);
  return out;
}

}  // namespace einspan::detail
