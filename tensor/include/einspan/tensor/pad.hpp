#pragma once
// np.pad: a fresh C-contiguous copy of a tensor with borders added along each axis.
//
//   NumPy                                        einspan
//   np.pad(a, 2)                                 pad(a, 2)                    (zeros)
//   np.pad(a, (1, 3))                            pad(a, {1, 3})               (1 before, 3 after, every axis)
//   np.pad(a, ((1, 0), (2, 2)))                  pad(a, {{1, 0}, {2, 2}})     (per axis)
//   np.pad(a, 1, constant_values=7)              pad(a, 1, "constant", 7)
//   np.pad(a, 1, mode="edge")                    pad(a, 1, "edge")
//   np.pad(a, 2, mode="reflect")                 pad(a, 2, "reflect")         (no edge repeat: 3 2 | 1 2 3 | 2 1)
//   np.pad(a, 2, mode="symmetric"), "wrap"       pad(a, 2, "symmetric"), pad(a, 2, "wrap")
//
// Not supported: constant_values per axis or per side (one value only), the modes "linear_ramp",
// "maximum", "mean", "median", "minimum", "empty" and a callable (ValueError "mode 'x' is not
// supported"), and reflect_type="odd".
//
// How it runs: the input is copied into the centre, then each axis in turn has its borders
// filled (constant) or copied from the centre of that axis (the axes before it already padded,
// so corners come out as NumPy's), in runs that read the centre forwards, backwards or
// broadcast: one strided copy (copy_elements) per run, not per element.
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/tensor.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace einspan {

// np.pad's pad_width: one count for every side (2), one (before, after) pair for every axis
// ({1, 3}, or {1} for both sides), or a pair per axis ({{1, 0}, {2, 2}}). Like NumPy, a list of
// one pair applies to every axis.
class PadWidth {
 public:
  PadWidth(index_t both) : pairs_{std::vector<index_t>{both}}, flat_(true), scalar_(true) {}
  PadWidth(std::initializer_list<index_t> pair) : pairs_{std::vector<index_t>(pair)}, flat_(true) {}
  PadWidth(std::initializer_list<std::initializer_list<index_t>> per_axis) {
    for (const auto& pair : per_axis) pairs_.emplace_back(pair);
  }
  // The same forms built at run time.
  explicit PadWidth(std::vector<index_t> pair) : pairs_{std::move(pair)}, flat_(true) {}
  explicit PadWidth(std::vector<std::vector<index_t>> per_axis) : pairs_(std::move(per_axis)) {}
  // The (before, after) counts for each of `ndim` axes. Throws ValueError "index can't contain
  // negative values" and, for a list that does not broadcast to (ndim, 2), NumPy's "operands could
  // not be broadcast together with remapped shapes ...".
  std::vector<std::pair<index_t, index_t>> resolve(std::size_t ndim) const;

 private:
  std::vector<std::vector<index_t>> pairs_;
  bool flat_ = false;    // given as one list (NumPy shape (n,)) rather than a list of lists
  bool scalar_ = false;  // given as one count (NumPy shape ())
};

namespace detail {

enum class PadMode { constant, edge, reflect, symmetric, wrap };

// Throws ValueError "mode 'x' is not supported".
PadMode parse_pad_mode(std::string_view mode);

// One border run along a padded axis: `length` positions from `dst` are read from position
// `src` onwards with step `step` (+1, -1, or 0 for a repeated edge); positions count along the
// padded axis, so the centre starts at `before`.
struct PadRun {
  index_t dst;
  index_t src;
  index_t step;
  index_t length;
};

// The runs that fill both borders of an axis of length n. Not for PadMode::constant. Throws
// ValueError "can't extend empty axis 0 using modes other than 'constant' or 'empty'" when n is 0
// and there is a border to fill.
std::vector<PadRun> pad_runs(index_t n, index_t before, index_t after, PadMode mode, std::size_t axis);

}  // namespace detail

// `a` with pad_width[k] = (before, after) elements added before and after along each axis k
// (np.pad). mode "constant" (default) fills with constant_value (0 when not given), "edge" repeats
// the edge element, "reflect" mirrors without repeating it, "symmetric" mirrors repeating it, and
// "wrap" repeats the axis periodically; borders longer than the axis repeat the pattern, as in
// NumPy. A fresh C-contiguous copy, even with zero widths. Throws ValueError as PadWidth::resolve
// and pad_runs do, "mode 'x' is not supported", and "unsupported keyword arguments for mode
// 'edge': {'constant_values'}" when a value is given for a mode other than constant.
template <Element T>
Tensor<T> pad(const Tensor<T>& a, const PadWidth& pad_width, std::string_view mode = "constant",
              std::optional<std::type_identity_t<T>> constant_value = std::nullopt) {
  const detail::PadMode m = detail::parse_pad_mode(mode);
  if (constant_value && m != detail::PadMode::constant)
    throw ValueError(fmt::format("unsupported keyword arguments for mode '{}': {{'constant_values'}}", mode));
  const auto widths = pad_width.resolve(a.ndim());
  const std::size_t rank = a.ndim();
  std::vector<std::vector<detail::PadRun>> runs(rank);
  Dims shape = a.shape();
  for (std::size_t k = 0; k < rank; ++k) {
    if (m != detail::PadMode::constant)
      runs[k] = detail::pad_runs(a.shape()[k], widths[k].first, widths[k].second, m, k);
    shape[k] += widths[k].first + widths[k].second;
  }
  auto out = Tensor<T>::fresh(shape);
  // where[j]: the centre of axis j for j > k (not yet padded), all of it for j < k.
  std::vector<Index> where(rank, Index(_));
  for (std::size_t j = 0; j < rank; ++j) where[j] = slice(widths[j].first, widths[j].first + a.shape()[j]);
  {
    const Tensor<T> centre = out.index(where);
    detail::copy_elements(centre.data(), centre.layout(), a.data(), a.layout());
  }
  for (std::size_t k = 0; k < rank; ++k) {
    const auto [before, after] = widths[k];
    const index_t n = a.shape()[k];
    if (m == detail::PadMode::constant) {
      const T value = constant_value.value_or(T{0});
      where[k] = slice(0, before);
      out.index(where).fill(value);
      where[k] = slice(before + n, before + n + after);
      out.index(where).fill(value);
    }
    for (const detail::PadRun& run : runs[k]) {
      where[k] = slice(run.dst, run.dst + run.length);
      const Tensor<T> dst = out.index(where);
      where[k] = slice(run.src, run.src + 1);
      Layout src = out.index(where).layout();
      // Read `length` positions from run.src with the run's step (0: the edge, broadcast).
      src.shape[k] = run.length;
      src.strides[k] *= run.step;
      detail::copy_elements(dst.data(), dst.layout(), out.buffer().get() + src.offset, src);
    }
    where[k] = Index(_);
  }
  return out;
}

}  // namespace einspan
