#include <einspan/tensor/broadcast.hpp>
#include <algorithm>
#include <einspan/tensor/error.hpp>

namespace einspan {

namespace {
// np.broadcast_shapes and np.broadcast_to raise this for a negative size in a shape.
ValueError negative_dimensions(std::span<const index_t> shape) {
  return ValueError(fmt::format("negative dimensions are not allowed: {}", format_shape(shape)));
}
}  // namespace

Dims broadcast_shapes(std::span<const Dims> shapes) {
  std::size_t rank = 0;
  for (const Dims& s : shapes) {
    rank = std::max(rank, s.size());
    for (const index_t d : s)
      if (d < 0) throw negative_dimensions(s);  // before any mismatch, as NumPy checks them
  }
  Dims out(rank, 1);
  for (const Dims& s : shapes) {
    const std::size_t pad = rank - s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      index_t& o = out[pad + i];
      if (s[i] == o || s[i] == 1) continue;
      if (o != 1) {
        fmt::memory_buffer message;
        fmt::format_to(std::back_inserter(message), "operands could not be broadcast together with shapes");
        for (const Dims& t : shapes) fmt::format_to(std::back_inserter(message), " {}", format_shape_compact(t));
        throw ShapeError(fmt::to_string(message));
      }
      o = s[i];
    }
  }
  return out;
}

Dims broadcast_shapes(std::initializer_list<Dims> shapes) {
  return broadcast_shapes(std::span<const Dims>(shapes.begin(), shapes.size()));
}

Layout broadcast_layout(const Layout& layout, std::span<const index_t> shape) {
  const auto fail = [&] {
    return ShapeError(fmt::format("cannot broadcast array of shape {} to shape {}",
                                  format_shape_compact(layout.shape), format_shape_compact(shape)));
  };
  for (const index_t d : shape)
    if (d < 0) throw negative_dimensions(shape);
  if (shape.size() < layout.ndim()) throw fail();
  const std::size_t pad = shape.size() - layout.ndim();
  Layout out{Dims(shape.begin(), shape.end()), Dims(shape.size(), 0), layout.offset};
  for (std::size_t i = 0; i < layout.ndim(); ++i) {
    if (layout.shape[i] == shape[pad + i]) {
      out.strides[pad + i] = layout.strides[i];
    } else if (layout.shape[i] != 1) {
      throw fail();
    }
  }
  return out;
}

Layout broadcast_assignment_layout(const Layout& value, std::span<const index_t> shape) {
  if (std::equal(value.shape.begin(), value.shape.end(), shape.begin(), shape.end())) return value;
  std::size_t drop = 0;
  while (value.ndim() - drop > shape.size() && value.shape[drop] == 1) ++drop;
  Layout trimmed{Dims(value.shape.begin() + drop, value.shape.end()),
                 Dims(value.strides.begin() + drop, value.strides.end()), value.offset};
  bool fits = trimmed.ndim() <= shape.size();
  const std::size_t pad = shape.size() - std::min(shape.size(), trimmed.ndim());
  for (std::size_t i = 0; fits && i < trimmed.ndim(); ++i)
    fits = trimmed.shape[i] == 1 || trimmed.shape[i] == shape[pad + i];
  if (!fits)
    throw ShapeError(fmt::format("could not broadcast input array from shape {} into shape {}",
                                 format_shape_compact(value.shape), format_shape_compact(shape)));
  return broadcast_layout(trimmed, shape);
}

}  // namespace einspan
