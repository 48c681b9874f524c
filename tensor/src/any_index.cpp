#include <einspan/tensor/any_index.hpp>
#include <einspan/tensor/broadcast.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/nonzero.hpp>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/error.hpp>
#include <optional>
#include <vector>

namespace einspan::detail {

namespace {

// One index array after masks are expanded: it indexes source axis `axis`. `values` points at
// element (0, ...) of `layout` (a 0-d layout for an integer entry).
struct AxisIndex {
  const index_t* values;
  Layout layout;
  std::size_t axis;
};

std::size_t axes_consumed(const AnyIndex& index) {
  if (const auto* array = std::get_if<IndexArray>(&index.entry()))
    return array->mask ? array->layout.ndim() : 1;
  const auto& e = std::get<Index>(index.entry()).entry();
  return std::holds_alternative<NewAxis>(e) || std::holds_alternative<Ellipsis>(e) ? 0 : 1;
}

bool is_ellipsis(const AnyIndex& index) {
  const auto* basic = std::get_if<Index>(&index.entry());
  return basic && std::holds_alternative<Ellipsis>(basic->entry());
}

// The positions of a mask's true elements, one int64 array per mask axis (NumPy's nonzero),
// after checking that the mask matches the axes it indexes.
std::vector<Tensor<index_t>> mask_positions(const IndexArray& mask, const Layout& layout, std::size_t axis) {
  const std::size_t m = mask.layout.ndim();
  if (m == 0)
    throw IndexError("a 0-d boolean index (NumPy's a[True] or a[False]) is not supported: write a[{newaxis}] for "
                     "a[True], and a[{newaxis}][{slice(0, 0)}] for a[False]");
  for (std::size_t j = 0; j < m; ++j)
    if (mask.layout.shape[j] != layout.shape[axis + j])
      throw IndexError(fmt::format("boolean index did not match indexed array along dimension {}; dimension is {} "
                                   "but corresponding boolean dimension is {}",
                                   axis + j, layout.shape[axis + j], mask.layout.shape[j]));
  // nonzero only reads the mask; the Tensor view needs a mutable pointer type.
  const Tensor<bool> view(std::const_pointer_cast<bool>(mask.mask), mask.layout);
  return nonzero(view);
}

bool is_full_slice(const AnyIndex& index) {
  const auto* basic = std::get_if<Index>(&index.entry());
  const auto* s = basic ? std::get_if<Slice>(&basic->entry()) : nullptr;
  return s && !s->start && !s->stop && s->step == 1;
}

// a[mask] or a[{mask, _, ...}] where the mask's axes fuse into rows of one stride: the plan in
// mask-rows form. Returns false (plan untouched) for anything else.
bool plan_mask_rows(const Layout& layout, std::span<const AnyIndex> indices, AdvancedPlan& plan) {
  while (indices.size() > 1 && is_full_slice(indices.back())) indices = indices.first(indices.size() - 1);
  const auto* array = indices.size() == 1 ? std::get_if<IndexArray>(&indices[0].entry()) : nullptr;
  if (!array || !array->mask) return false;
  const std::size_t m = array->layout.ndim();
  if (m == 0 || m > layout.ndim()) return false;  // the general path reports these
  for (std::size_t j = 0; j < m; ++j)
    if (array->layout.shape[j] != layout.shape[j]) return false;
  for (std::size_t j = 0; j + 1 < m; ++j)
    if (layout.strides[j] != layout.strides[j + 1] * layout.shape[j + 1]) return false;
  const Tensor<bool> mask = Tensor<bool>(std::const_pointer_cast<bool>(array->mask), array->layout).contiguous();
  plan.mask_rows = std::shared_ptr<const bool>(mask.buffer(), mask.data());  // aliasing: element 0 on
  plan.rows = mask.size();
  plan.row_base = layout.offset;
  plan.row_stride = layout.strides[m - 1];
  plan.positions = count_true(mask.data(), plan.rows);
  plan.index_shape = Dims{plan.positions};
  plan.block = Layout{Dims(layout.shape.begin() + static_cast<std::ptrdiff_t>(m), layout.shape.end()),
                      Dims(layout.strides.begin() + static_cast<std::ptrdiff_t>(m), layout.strides.end()), 0};
  plan.shape = plan.block.shape;
  plan.shape.insert(0, plan.positions);
  return true;
}

}  // namespace

AdvancedPlan plan_advanced_index(const Layout& layout, std::span<const AnyIndex> indices) {
  std::size_t consumed = 0;
  bool has_ellipsis = false;
  for (const AnyIndex& index : indices) {
    if (is_ellipsis(index)) {
      if (has_ellipsis) throw IndexError("an index can only have a single ellipsis ('...')");
      has_ellipsis = true;
    }
    consumed += axes_consumed(index);
  }
  if (consumed > layout.ndim())
    throw IndexError(fmt::format("too many indices for array: array is {}-dimensional, but {} were indexed",
                                 layout.ndim(), consumed));

  AdvancedPlan plan;
  if (plan_mask_rows(layout, indices, plan)) return plan;
  std::vector<AxisIndex> arrays;
  std::vector<Tensor<index_t>> owned;  // mask positions and integer entries, kept until the end
  index_t base = layout.offset;
  bool block_empty = false;
  std::size_t axis = 0;
  std::optional<std::size_t> first_array_axis;  // in the block's axes
  bool basic_since_array = false, separated = false;
  const auto keep_axis = [&](index_t size, index_t stride) {
    plan.block.shape.push_back(size);
    plan.block.strides.push_back(stride);
    if (first_array_axis) basic_since_array = true;
  };
  const auto array_entry = [&] {
    if (!first_array_axis) first_array_axis = plan.block.ndim();
    else if (basic_since_array) separated = true;
  };
  for (const AnyIndex& index : indices) {
    if (const auto* array = std::get_if<IndexArray>(&index.entry())) {
      array_entry();
      if (array->mask) {
        for (Tensor<index_t>& positions : mask_positions(*array, layout, axis)) {
          arrays.push_back({positions.data(), Layout{positions.shape(), positions.strides(), 0}, axis++});
          owned.push_back(std::move(positions));
        }
      } else {
        arrays.push_back({array->indices.get() + array->layout.offset,
                          Layout{array->layout.shape, array->layout.strides, 0}, axis++});
      }
      continue;
    }
    std::visit(
        [&](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, index_t>) {
            array_entry();
            owned.push_back(full<index_t>({}, e));
            arrays.push_back({owned.back().data(), Layout{}, axis++});
          } else if constexpr (std::is_same_v<T, Slice>) {
            const SliceRange r = resolve_slice(e, layout.shape[axis]);
            if (r.length > 0) base += r.start * layout.strides[axis];
            block_empty = block_empty || r.length == 0;
            keep_axis(r.length, r.length > 1 ? layout.strides[axis] * r.step : layout.strides[axis]);  // as slice.cpp
            ++axis;
          } else if constexpr (std::is_same_v<T, NewAxis>) {
            keep_axis(1, 0);
          } else {
            for (std::size_t skip = layout.ndim() - consumed; skip > 0; --skip, ++axis)
              keep_axis(layout.shape[axis], layout.strides[axis]);
          }
        },
        std::get<Index>(index.entry()).entry());
  }
  for (; axis < layout.ndim(); ++axis) {
    plan.block.shape.push_back(layout.shape[axis]);
    plan.block.strides.push_back(layout.strides[axis]);
  }

  std::vector<Dims> shapes;
  for (const AxisIndex& a : arrays) shapes.push_back(a.layout.shape);
  try {
    plan.index_shape = broadcast_shapes(std::span<const Dims>(shapes));
  } catch (const ShapeError&) {
    fmt::memory_buffer message;
    fmt::format_to(std::back_inserter(message), "shape mismatch: indexing arrays could not be broadcast together with shapes");
    for (const Dims& s : shapes) fmt::format_to(std::back_inserter(message), " {}", format_shape_compact(s));
    throw IndexError(fmt::to_string(message));
  }
  plan.index_axis = separated ? 0 : first_array_axis.value_or(0);
  plan.shape = plan.block.shape;
  for (std::size_t i = 0; i < plan.index_shape.size(); ++i) plan.shape.insert(plan.index_axis + i, plan.index_shape[i]);

  // Each position's offset: the basic entries' start plus, per index array, index * stride.
  plan.positions = shape_size(plan.index_shape);
  plan.offsets = allocate_buffer<index_t>(plan.positions);
  // An empty block is never read, but its indices are still checked, as NumPy does.
  std::fill_n(plan.offsets.get(), plan.positions, block_empty ? layout.offset : base);
  if (plan.positions == 0) return plan;
  const Dims out_strides = row_major_strides(plan.index_shape);
  for (const AxisIndex& a : arrays) {
    const index_t n = layout.shape[a.axis], stride = layout.strides[a.axis];
    const Layout stretched = broadcast_layout(a.layout, plan.index_shape);
    const auto nest = make_loop_nest<2>(plan.index_shape, {std::span<const index_t>(out_strides),
                                                           std::span<const index_t>(stretched.strides)});
    for_each_element(
        nest,
        [&](index_t& offset, const index_t& raw) {
          index_t i = raw;
          if (i < -n || i >= n)
            throw IndexError(fmt::format("index {} is out of bounds for axis {} with size {}", i, a.axis, n));
          if (i < 0) i += n;
          offset += i * stride;
        },
        plan.offsets.get(), a.values);
  }
  return plan;
}

}  // namespace einspan::detail
