#include <algorithm>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/permute.hpp>

namespace einspan {

Layout transpose_layout(const Layout& layout) {
  Layout out = layout;
  std::reverse(out.shape.begin(), out.shape.end());
  std::reverse(out.strides.begin(), out.strides.end());
  return out;
}

Layout transpose_layout(const Layout& layout, std::span<const index_t> axes) {
  if (axes.size() != layout.ndim()) throw ValueError("axes don't match array");
  Layout out;
  out.offset = layout.offset;
  Dims seen(layout.ndim(), 0);  // Dims rather than vector<bool>: no heap allocation per view
  for (index_t a : axes) {
    const std::size_t axis = normalize_axis(a, layout.ndim());
    if (seen[axis]) throw ValueError("repeated axis in transpose");
    seen[axis] = 1;
    out.shape.push_back(layout.shape[axis]);
    out.strides.push_back(layout.strides[axis]);
  }
  return out;
}

Layout squeeze_layout(const Layout& layout) {
  Layout out;
  out.offset = layout.offset;
  for (std::size_t i = 0; i < layout.ndim(); ++i) {
    if (layout.shape[i] == 1) continue;
    out.shape.push_back(layout.shape[i]);
    out.strides.push_back(layout.strides[i]);
  }
  return out;
}

Layout squeeze_layout(const Layout& layout, index_t axis) {
  const std::size_t a = normalize_axis(axis, layout.ndim());
  if (layout.shape[a] != 1)
    throw ValueError(fmt::format("cannot select an axis to squeeze out which has size not equal to one "
                                 "(axis {} of shape {} has size {})",
                                 axis, format_shape(layout.shape), layout.shape[a]));
  Layout out = layout;
  out.shape.erase(a);
  out.strides.erase(a);
  return out;
}

Layout expand_dims_layout(const Layout& layout, index_t axis) {
  const std::size_t a = normalize_axis(axis, layout.ndim() + 1);
  Layout out = layout;
  out.shape.insert(a, 1);
  out.strides.insert(a, 0);
  return out;
}

Layout diagonal_layout(const Layout& layout, index_t offset, index_t axis1, index_t axis2) {
  if (layout.ndim() < 2) throw ValueError("diag requires an array of at least two dimensions");
  const std::size_t a1 = normalize_axis(axis1, layout.ndim());
  const std::size_t a2 = normalize_axis(axis2, layout.ndim());
  if (a1 == a2) throw ValueError("axis1 and axis2 cannot be the same");
  const index_t n1 = layout.shape[a1], n2 = layout.shape[a2];
  // A positive offset moves along axis2 (above the main diagonal), a negative one along axis1.
  const index_t length = std::max<index_t>(0, offset >= 0 ? std::min(n1, n2 - offset) : std::min(n1 + offset, n2));
  Layout out;
  out.offset = layout.offset;
  if (length > 0) out.offset += offset >= 0 ? offset * layout.strides[a2] : -offset * layout.strides[a1];
  for (std::size_t i = 0; i < layout.ndim(); ++i) {
    if (i == a1 || i == a2) continue;
    out.shape.push_back(layout.shape[i]);
    out.strides.push_back(layout.strides[i]);
  }
  out.shape.push_back(length);
  out.strides.push_back(layout.strides[a1] + layout.strides[a2]);
  if (out.size() == 0) out.offset = layout.offset;
  return out;
}

Layout swapaxes_layout(const Layout& layout, index_t a, index_t b) {
  const std::size_t i = normalize_axis(a, layout.ndim());
  const std::size_t j = normalize_axis(b, layout.ndim());
  Layout out = layout;
  std::swap(out.shape[i], out.shape[j]);
  std::swap(out.strides[i], out.strides[j]);
  return out;
}

}  // namespace einspan

namespace einspan {

namespace detail {

Dims normalize_axes(std::span<const index_t> axes, std::size_t ndim, std::string_view argument) {
  Dims out;
  Dims seen(ndim, 0);
  const auto n = static_cast<index_t>(ndim);
  for (const index_t a : axes) {
    if (a < -n || a >= n)
      throw AxisError(fmt::format("{}{}axis {} is out of bounds for array of dimension {}", argument,
                                  argument.empty() ? "" : ": ", a, ndim));
    const index_t axis = a < 0 ? a + n : a;
    if (seen[static_cast<std::size_t>(axis)])
      throw ValueError(argument.empty() ? std::string("repeated axis")
                                        : fmt::format("repeated axis in `{}` argument", argument));
    seen[static_cast<std::size_t>(axis)] = 1;
    out.push_back(axis);
  }
  return out;
}

}  // namespace detail

Layout flip_layout(const Layout& layout, std::span<const index_t> axes) {
  Layout out = layout;
  for (const index_t a : detail::normalize_axes(axes, layout.ndim())) {
    const auto axis = static_cast<std::size_t>(a);
    // An empty axis has no last element: the offset stays (any offset of an empty view is valid).
    if (out.shape[axis] > 0) out.offset += (out.shape[axis] - 1) * out.strides[axis];
    out.strides[axis] = -out.strides[axis];
  }
  return out;
}

Layout flip_layout(const Layout& layout) {
  Dims all(layout.ndim());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<index_t>(i);
  return flip_layout(layout, all);
}

Layout moveaxis_layout(const Layout& layout, std::span<const index_t> source, std::span<const index_t> destination) {
  const Dims src = detail::normalize_axes(source, layout.ndim(), "source");
  const Dims dst = detail::normalize_axes(destination, layout.ndim(), "destination");
  if (src.size() != dst.size())
    throw ValueError("`source` and `destination` arguments must have the same number of elements");
  // NumPy's order: the axes not moved, in order, then each moved axis inserted at its
  // destination, in increasing destination order.
  Dims order;
  for (std::size_t i = 0; i < layout.ndim(); ++i)
    if (std::find(src.begin(), src.end(), static_cast<index_t>(i)) == src.end()) order.push_back(static_cast<index_t>(i));
  Dims by_destination(src.size());
  for (std::size_t k = 0; k < by_destination.size(); ++k) by_destination[k] = static_cast<index_t>(k);
  std::sort(by_destination.begin(), by_destination.end(), [&](index_t x, index_t y) { return dst[x] < dst[y]; });
  for (const index_t k : by_destination) order.insert(static_cast<std::size_t>(dst[k]), src[k]);
  return transpose_layout(layout, order);
}

}  // namespace einspan
