#include <einspan/tensor/error.hpp>
#include <einspan/tensor/reshape.hpp>

namespace einspan {

namespace detail {

void resolve_reshape_into(index_t size, std::span<const index_t> new_shape, Dims& shape) {
  shape.resize(new_shape.size());
  std::size_t unknown = new_shape.size();  // position of the -1, if any
  index_t known = 1;
  for (std::size_t i = 0; i < new_shape.size(); ++i) {
    const index_t d = new_shape[i];
    shape[i] = d;
    if (d == -1) {
      if (unknown != new_shape.size()) throw ValueError("can only specify one unknown dimension");
      unknown = i;
    } else if (d < 0) {
      throw ValueError(fmt::format("negative dimensions not allowed in shape {}", format_shape(new_shape)));
    } else {
      known *= d;
    }
  }
  const auto fail = [&] {
    return ShapeError(fmt::format("cannot reshape array of size {} into shape {}", size,
                                  format_shape_compact(new_shape)));
  };
  if (unknown != new_shape.size()) {
    if (known == 0 || size % known != 0) throw fail();
    shape[unknown] = size / known;
  } else if (known != size) {
    throw fail();
  }
}

bool reshape_into(const Layout& layout, Layout& out) {
  const Dims& new_shape = out.shape;
  const std::size_t new_n = new_shape.size();
  out.offset = layout.offset;
  out.strides.resize(new_n);
  // C-contiguous (the common case) and empty layouts take the new shape's row-major strides.
  if (layout.is_c_contiguous()) {
    index_t stride = 1;
    for (std::size_t i = new_n; i-- > 0;) {
      out.strides[i] = stride;
      stride *= std::max<index_t>(new_shape[i], 1);
    }
    return true;
  }
  // Size-1 dimensions carry no stride information; drop them from the old layout.
  Dims old_dims, old_strides;
  for (std::size_t i = 0; i < layout.ndim(); ++i) {
    if (layout.shape[i] != 1) {
      old_dims.push_back(layout.shape[i]);
      old_strides.push_back(layout.strides[i]);
    }
  }
  const std::size_t old_n = old_dims.size();
  Dims& new_strides = out.strides;
  std::fill(new_strides.begin(), new_strides.end(), 0);

  // Walk both shapes, matching groups of old and new dimensions with equal products. Inside a
  // group the old dimensions must be C-contiguous with respect to each other.
  std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < new_n && oi < old_n) {
    index_t np = new_shape[ni];
    index_t op = old_dims[oi];
    while (np != op) {
      if (np < op) {
        np *= new_shape[nj++];
      } else {
        op *= old_dims[oj++];
      }
    }
    for (std::size_t ok = oi; ok + 1 < oj; ++ok) {
      if (old_strides[ok] != old_dims[ok + 1] * old_strides[ok + 1]) return false;
    }
    new_strides[nj - 1] = old_strides[oj - 1];
    for (std::size_t nk = nj - 1; nk > ni; --nk) new_strides[nk - 1] = new_strides[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  // Trailing new dimensions are all of size 1: any stride describes them.
  const index_t last_stride = ni > 0 ? new_strides[ni - 1] : 1;
  for (std::size_t nk = ni; nk < new_n; ++nk) new_strides[nk] = last_stride;
  return true;
}

}  // namespace detail

Dims resolve_reshape(index_t size, std::span<const index_t> new_shape) {
  Dims shape;
  detail::resolve_reshape_into(size, new_shape, shape);
  return shape;
}

std::optional<Layout> reshape_view(const Layout& layout, std::span<const index_t> new_shape) {
  Layout out{Dims(new_shape), Dims{}, 0};
  if (!detail::reshape_into(layout, out)) return std::nullopt;
  return out;
}

}  // namespace einspan
