#include <einspan/tensor/error.hpp>
#include <einspan/tensor/reshape.hpp>

namespace einspan {

Dims resolve_reshape(index_t size, std::span<const index_t> new_shape) {
  Dims shape(new_shape.begin(), new_shape.end());
  std::optional<std::size_t> unknown;
  index_t known = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (unknown) throw ValueError("can only specify one unknown dimension");
      unknown = i;
    } else if (shape[i] < 0) {
      throw ValueError(fmt::format("negative dimensions not allowed in shape {}", format_shape(new_shape)));
    } else {
      known *= shape[i];
    }
  }
  const auto fail = [&] {
    return ShapeError(fmt::format("cannot reshape array of size {} into shape {}", size,
                                  format_shape_compact(new_shape)));
  };
  if (unknown) {
    if (known == 0 || size % known != 0) throw fail();
    shape[*unknown] = size / known;
  } else if (known != size) {
    throw fail();
  }
  return shape;
}

std::optional<Layout> reshape_view(const Layout& layout, std::span<const index_t> new_shape) {
  if (layout.size() == 0) {
    Layout out = Layout::row_major(Dims(new_shape.begin(), new_shape.end()));
    out.offset = layout.offset;
    return out;
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
  const std::size_t new_n = new_shape.size();
  Dims new_strides(new_n, 0);

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
      if (old_strides[ok] != old_dims[ok + 1] * old_strides[ok + 1]) return std::nullopt;
    }
    new_strides[nj - 1] = old_strides[oj - 1];
    for (std::size_t nk = nj - 1; nk > ni; --nk) new_strides[nk - 1] = new_strides[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  // Trailing new dimensions are all of size 1: any stride describes them.
  const index_t last_stride = ni > 0 ? new_strides[ni - 1] : 1;
  for (std::size_t nk = ni; nk < new_n; ++nk) new_strides[nk] = last_stride;

  return Layout{Dims(new_shape.begin(), new_shape.end()), std::move(new_strides), layout.offset};
}

}  // namespace einspan
