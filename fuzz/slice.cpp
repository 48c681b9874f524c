// Fuzz target: basic indexing (slice.hpp, Tensor::index) on shapes and index lists drawn from the
// input, against Python's slice semantics written out here.
//
// Three kinds of input, chosen by the first byte:
//  0. resolve_slice(slice, n) for any int64 bounds and step and any n >= 0, against CPython's
//     PySlice_Unpack and PySlice_AdjustIndices (computed in 128-bit arithmetic);
//  1. apply_indices on a layout with dimensions up to 2^62 (no data), or an empty one whose
//     strides wrap: the view's shape, strides and offset against the reference's start, length
//     and step of every slice (only the shape for an empty layout);
//  2. one to three rounds of indexing a small int64 tensor, each on the view the last one made
//     (so views of reversed and strided views): every element of every view against a reference
//     array indexed by enumerating range(start, stop, step) as Python does.
// In every kind an index list that Python rejects must throw the error NumPy raises (IndexError
// for an integer out of range, too many indices or two ellipses; ValueError for a zero step),
// and one it accepts must not throw.
#include "fuzz_support.hpp"

#include <einspan/tensor.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

using namespace einspan;
using namespace einspan::fuzz;

namespace {

using i128 = __int128;
constexpr index_t max64 = std::numeric_limits<index_t>::max();
constexpr index_t min64 = std::numeric_limits<index_t>::min();

// ---- Python's slice semantics ----------------------------------------------------------------

struct Resolved {
  i128 start, stop, step, length;
};

// slice(start, stop, step).indices(n) and its length, as CPython computes them.
Resolved python_slice(std::optional<index_t> start, std::optional<index_t> stop, index_t step, index_t n) {
  // PySlice_Unpack: the step is clamped so that -step fits; omitted bounds become the extremes.
  i128 st = step < -max64 ? -max64 : step;
  i128 a = start ? *start : (st < 0 ? max64 : 0);
  i128 b = stop ? *stop : (st < 0 ? min64 : max64);
  // PySlice_AdjustIndices.
  const auto adjust = [&](i128 x) -> i128 {
    if (x < 0) {
      x += n;
      if (x < 0) x = st < 0 ? -1 : 0;
    } else if (x >= n) {
      x = st < 0 ? n - 1 : n;
    }
    return x;
  };
  a = adjust(a);
  b = adjust(b);
  i128 length = 0;
  if (st < 0 && b < a) length = (a - b - 1) / -st + 1;
  if (st > 0 && a < b) length = (b - a - 1) / st + 1;
  return {a, b, st, length};
}

// ---- drawing index lists -------------------------------------------------------------------

index_t draw_bound(Choices& choices, index_t n) {
  switch (choices.below(8)) {
    case 0: return max64 - choices.below(3);
    case 1: return min64 + choices.below(3);
    case 2: return choices.int64();
    case 3: return n - 2 + choices.below(5);  // around the end (n is at most 2^62)
    default: {
      const index_t m = std::min<index_t>(n, 120);  // around the start, within the axis or a little outside
      return static_cast<index_t>(choices.below(static_cast<unsigned>(2 * m + 6))) - m - 3;
    }
  }
}

index_t draw_step(Choices& choices) {
  switch (choices.below(10)) {
    case 0: return 0;
    case 1: return min64;
    case 2: return choices.int64();
    case 3: return index_t{1} << 62;
    case 4: return -(index_t{1} << 62);
    default: return static_cast<index_t>(choices.below(9)) - 4;
  }
}

Slice draw_slice(Choices& choices, index_t n) {
  Slice s;
  if (choices.below(3)) s.start = draw_bound(choices, n);
  if (choices.below(3)) s.stop = draw_bound(choices, n);
  s.step = choices.below(3) ? draw_step(choices) : 1;
  return s;
}

std::vector<Index> draw_indices(Choices& choices, const Dims& shape) {
  std::vector<Index> indices;
  std::size_t axis = 0;
  for (unsigned count = choices.below(8); count > 0; --count) {
    const index_t n = axis < shape.size() ? shape[axis] : 3;
    switch (choices.below(8)) {
      case 0: indices.emplace_back(newaxis); break;
      case 1: indices.emplace_back(ellipsis); break;
      case 2:
      case 3: indices.emplace_back(draw_bound(choices, n)); ++axis; break;
      default: indices.emplace_back(draw_slice(choices, n)); ++axis; break;
    }
  }
  return indices;
}

// ---- indexing, the reference way ----------------------------------------------------------

enum class Verdict { ok, index_error, value_error, either_error };

// One output axis of the reference: which input axis it walks and its positions there, or a new axis.
struct OutAxis {
  std::optional<std::size_t> axis;
  std::vector<i128> positions;  // only for mode 2 (enumerated); empty otherwise
  Resolved range{};
};

struct Selection {
  Verdict verdict = Verdict::ok;
  std::vector<OutAxis> axes;
  std::vector<std::pair<std::size_t, index_t>> fixed;  // input axis, position (integer indices)
};

Selection reference_select(const Dims& shape, std::span<const Index> indices, bool enumerate) {
  Selection s;
  std::size_t ellipses = 0, consumed = 0;
  for (const Index& i : indices) {
    if (std::holds_alternative<Ellipsis>(i.entry())) ++ellipses;
    else if (!std::holds_alternative<NewAxis>(i.entry())) ++consumed;
  }
  if (ellipses > 1 || consumed > shape.size()) {
    s.verdict = Verdict::index_error;
    return s;
  }
  bool index_error = false, value_error = false;
  std::size_t axis = 0;
  const auto keep_whole = [&](std::size_t a) {
    s.axes.push_back({a, {}, python_slice(std::nullopt, std::nullopt, 1, shape[a])});
    if (enumerate)
      for (index_t p = 0; p < shape[a]; ++p) s.axes.back().positions.push_back(p);
  };
  for (const Index& i : indices) {
    const auto& e = i.entry();
    if (std::holds_alternative<NewAxis>(e)) {
      s.axes.push_back({std::nullopt, {0}, {}});
    } else if (std::holds_alternative<Ellipsis>(e)) {
      for (std::size_t k = 0; k < shape.size() - consumed; ++k) keep_whole(axis++);
    } else if (const index_t* p = std::get_if<index_t>(&e)) {
      const i128 n = shape[axis];
      if (*p < -n || *p >= n) index_error = true;
      else s.fixed.emplace_back(axis, static_cast<index_t>(*p < 0 ? *p + n : *p));
      ++axis;
    } else {
      const Slice& sl = std::get<Slice>(e);
      if (sl.step == 0) {
        value_error = true;
        ++axis;
        continue;
      }
      OutAxis out{axis, {}, python_slice(sl.start, sl.stop, sl.step, shape[axis])};
      if (enumerate)  // Python's range(start, stop, step), element by element
        for (i128 x = out.range.start; out.range.step > 0 ? x < out.range.stop : x > out.range.stop; x += out.range.step)
          out.positions.push_back(x);
      s.axes.push_back(std::move(out));
      ++axis;
    }
  }
  for (; axis < shape.size(); ++axis) keep_whole(axis);
  if (index_error && value_error) s.verdict = Verdict::either_error;
  else if (index_error) s.verdict = Verdict::index_error;
  else if (value_error) s.verdict = Verdict::value_error;
  return s;
}

std::string describe(const Dims& shape, std::span<const Index> indices) {
  std::string s = "shape " + format_shape(shape) + " indexed by [";
  for (const Index& i : indices) {
    std::visit(
        [&](const auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, index_t>) s += std::to_string(e);
          else if constexpr (std::is_same_v<E, NewAxis>) s += "None";
          else if constexpr (std::is_same_v<E, Ellipsis>) s += "...";
          else
            s += (e.start ? std::to_string(*e.start) : "") + ":" + (e.stop ? std::to_string(*e.stop) : "") + ":" +
                 std::to_string(e.step);
        },
        i.entry());
    s += ", ";
  }
  return s + "]";
}

// Runs f (an indexing call) and checks that it throws exactly when and what the reference says.
template <class F>
bool check_verdict(Verdict want, F&& f, const std::string& context) {
  std::string error;
  const std::type_info* type = nullptr;
  const bool ok = accepts(f, &error, &type);
  EINSPAN_FUZZ_CHECK(ok == (want == Verdict::ok), context + (ok ? ": accepted" : ": " + error));
  if (want == Verdict::index_error) EINSPAN_FUZZ_CHECK(*type == typeid(IndexError), context + ": " + error);
  if (want == Verdict::value_error) EINSPAN_FUZZ_CHECK(*type == typeid(ValueError), context + ": " + error);
  if (want == Verdict::either_error)
    EINSPAN_FUZZ_CHECK(*type == typeid(IndexError) || *type == typeid(ValueError), context + ": " + error);
  return ok;
}

// ---- the three kinds of input ---------------------------------------------------------------

void fuzz_resolve_slice(Choices& choices) {
  const index_t n = choices.below(2) ? choices.int64() & max64 : choices.below(12);
  const Slice s = draw_slice(choices, std::min<index_t>(n, 100));
  const std::string context = describe({n}, std::array<Index, 1>{s});
  SliceRange got{};
  if (!check_verdict(s.step == 0 ? Verdict::value_error : Verdict::ok, [&] { got = resolve_slice(s, n); }, context))
    return;
  const Resolved want = python_slice(s.start, s.stop, s.step, n);
  EINSPAN_FUZZ_CHECK(got.start == want.start && got.length == want.length && got.step == want.step,
                     context + fmt::format(": resolve_slice gives start {} length {} step {}", got.start, got.length,
                                           got.step));
}

void fuzz_huge_layout(Choices& choices) {
  // Dimensions up to 2^62 whose product still fits: every offset of the row-major layout fits.
  // Or, one time in four, an empty layout of any dimensions, whose row-major strides wrap.
  const bool empty_source = choices.below(4) == 0;
  Dims shape;
  i128 total = 1;
  for (unsigned rank = 1 + choices.below(4); rank > 0; --rank) {
    index_t d = choices.below(2) ? (choices.int64() & ((index_t{1} << 62) - 1)) : choices.below(6);
    while (!empty_source && d > 1 && total * d > (i128{1} << 62)) d /= 2;
    if (!empty_source) total *= std::max<index_t>(d, 1);
    shape.push_back(d);
  }
  if (empty_source) shape[choices.below(static_cast<unsigned>(shape.size()))] = 0;
  const bool empty_layout = std::find(shape.begin(), shape.end(), 0) != shape.end();
  const Layout layout = Layout::row_major(shape);
  const std::vector<Index> indices = draw_indices(choices, shape);
  const std::string context = describe(shape, indices);
  const Selection want = reference_select(shape, indices, false);
  Layout got;
  if (!check_verdict(want.verdict, [&] { got = apply_indices(layout, indices); }, context)) return;

  EINSPAN_FUZZ_CHECK(got.ndim() == want.axes.size(), context + ": rank");
  bool empty = empty_layout;
  i128 offset = 0;
  for (const auto& [axis, p] : want.fixed) offset += i128{p} * layout.strides[axis];
  for (std::size_t d = 0; d < want.axes.size(); ++d) {
    const OutAxis& a = want.axes[d];
    if (!a.axis) {
      EINSPAN_FUZZ_CHECK(got.shape[d] == 1, context + ": newaxis");
      continue;
    }
    const index_t stride = layout.strides[*a.axis];
    EINSPAN_FUZZ_CHECK(got.shape[d] == a.range.length, context + fmt::format(": axis {} has length {}", d, got.shape[d]));
    empty = empty || a.range.length == 0;
    if (a.range.length > 0) offset += a.range.start * stride;
    if (a.range.length > 1 && !empty_layout)  // an empty view's strides are never used
      EINSPAN_FUZZ_CHECK(got.strides[d] == i128{stride} * a.range.step, context + fmt::format(": stride of axis {}", d));
  }
  // An empty view's offset is unused; NumPy keeps the base's. A non-empty one starts at the first element.
  if (!empty) EINSPAN_FUZZ_CHECK(got.offset == offset, context + fmt::format(": offset {}", got.offset));
}

struct RefArray {
  Dims shape;
  std::vector<index_t> values;  // C order
};

RefArray reference_index(const RefArray& a, const Selection& s) {
  RefArray out;
  for (const OutAxis& ax : s.axes) out.shape.push_back(static_cast<index_t>(ax.positions.size()));
  const Dims strides = Layout::row_major(a.shape).strides;
  std::size_t base = 0;
  for (const auto& [axis, p] : s.fixed) base += static_cast<std::size_t>(p * strides[axis]);
  std::vector<std::size_t> at(s.axes.size(), 0);
  for (index_t i = 0; i < shape_size(out.shape); ++i) {
    std::size_t offset = base;
    for (std::size_t d = 0; d < s.axes.size(); ++d)
      if (s.axes[d].axis) offset += static_cast<std::size_t>(s.axes[d].positions[at[d]]) * static_cast<std::size_t>(strides[*s.axes[d].axis]);
    out.values.push_back(a.values[offset]);
    for (std::size_t d = s.axes.size(); d-- > 0;) {
      if (++at[d] < s.axes[d].positions.size()) break;
      at[d] = 0;
    }
  }
  return out;
}

void fuzz_tensor_views(Choices& choices) {
  RefArray ref;
  for (unsigned rank = choices.below(5); rank > 0; --rank) ref.shape.push_back(choices.below(6));
  for (std::size_t d = 0; d < ref.shape.size() && shape_size(ref.shape) > 1024; ++d) ref.shape[d] = 1;
  for (index_t i = 0; i < shape_size(ref.shape); ++i) ref.values.push_back(7 * i + 3);
  Tensor<index_t> t = from_vector(ref.values, ref.shape);

  for (unsigned round = 1 + choices.below(3); round > 0; --round) {
    const std::vector<Index> indices = draw_indices(choices, ref.shape);
    const std::string context = describe(ref.shape, indices);
    const Selection want = reference_select(ref.shape, indices, true);
    Tensor<index_t> view;
    if (!check_verdict(want.verdict, [&] { view = t.index(indices); }, context)) return;
    ref = reference_index(ref, want);
    EINSPAN_FUZZ_CHECK(view.shape() == ref.shape, context + ": shape " + format_shape(view.shape()));
    std::size_t i = 0;
    for (const index_t x : view) {
      EINSPAN_FUZZ_CHECK(x == ref.values[i], context + fmt::format(": element {} is {}, Python's {}", i, x, ref.values[i]));
      ++i;
    }
    EINSPAN_FUZZ_CHECK(i == ref.values.size(), context + ": element count");
    t = view;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Choices choices(data, size);
  switch (choices.below(3)) {
    case 0: fuzz_resolve_slice(choices); break;
    case 1: fuzz_huge_layout(choices); break;
    default: fuzz_tensor_views(choices); break;
  }
  return 0;
}
